// The launched page's script (served at /launch/assets/launch.js): it reads the launch's context with the session
// cookie, never from the URL, and mounts the widget's script build full page. Access tokens come from the same
// session (POST /launch/token); when it ends, the page says so and asks the GP to open Henvis from the journal again.
(function () {
  'use strict';
  // The page's CSP nonce, which the widget sets on its <style> elements (style-src has no 'unsafe-inline').
  var nonce = document.currentScript ? document.currentScript.nonce : '';

  var texts = {
    da: {
      patient: 'Patient',
      cpr: 'CPR-nr.',
      phone: 'Tlf.',
      roles: { doctor: 'læge', nurse: 'sygeplejerske', midwife: 'jordemoder', practice_staff: 'praksispersonale' },
      ended: 'Henvis er lukket, fordi opstarten fra journalen er udløbet. Åbn Henvis igen fra journalen.',
      failed: 'Henvis kunne ikke åbnes. Åbn Henvis igen fra journalen.',
      code: 'Fejlkode',
    },
    en: {
      patient: 'Patient',
      cpr: 'CPR no.',
      phone: 'Phone',
      roles: { doctor: 'doctor', nurse: 'nurse', midwife: 'midwife', practice_staff: 'practice staff' },
      ended: 'Henvis has closed because the launch from the journal has expired. Open Henvis from the journal again.',
      failed: 'Henvis could not be opened. Open Henvis from the journal again.',
      code: 'Error code',
    },
  };
  var t = texts.da;

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /** Says on the page that Henvis cannot go on, with the code; once. */
  function notice(message, code) {
    var box = document.getElementById('launch-notice');
    if (!box.hidden) return;
    box.replaceChildren(document.createTextNode(message + ' '), element('span', 'code', t.code + ': ' + code));
    box.hidden = false;
  }

  function codeOf(response) {
    return response
      .json()
      .then(function (body) {
        return (body && body.code) || 'launch_session_missing';
      })
      .catch(function () {
        return 'internal_error';
      });
  }

  function showContext(launch) {
    var context = launch.context;
    var practitioner = context.practitioner;
    document.getElementById('launch-practice').textContent =
      context.practice.name + ' · ' + practitioner.name + ', ' + (t.roles[practitioner.role] || practitioner.role);
    if (!launch.needPatientBanner) return;
    var banner = document.getElementById('patient-banner');
    var patient = context.patient;
    var parts = [element('strong', 'patient-name', patient.name), element('span', '', t.cpr + ' ' + patient.cpr)];
    if (patient.contact && patient.contact.phone) parts.push(element('span', '', t.phone + ' ' + patient.contact.phone));
    banner.replaceChildren.apply(banner, parts);
    banner.hidden = false;
  }

  /** The vendor's colours on the page around the widget too (set through CSSOM, which the policy allows). */
  function applyTheme(theme) {
    var properties = {
      colorPrimary: '--henvis-color-primary',
      colorOnPrimary: '--henvis-color-on-primary',
      fontFamily: '--henvis-font-family',
    };
    Object.keys(properties).forEach(function (key) {
      if (theme && theme[key]) document.documentElement.style.setProperty(properties[key], theme[key]);
    });
  }

  function start(launch) {
    t = texts[launch.locale] || texts.da;
    document.documentElement.lang = launch.locale;
    showContext(launch);
    applyTheme(launch.theme);

    var cached = null;
    function getToken(request) {
      if (cached && !request.refresh && Date.parse(cached.expiresAt) > Date.now() + 30000) return Promise.resolve(cached.token);
      return fetch('/launch/token', { method: 'POST', credentials: 'same-origin', headers: { accept: 'application/json' } }).then(
        function (response) {
          if (!response.ok) {
            return codeOf(response).then(function (code) {
              notice(t.ended, code);
              throw new Error('Henvis: the launch session has ended (' + code + ')');
            });
          }
          return response.json().then(function (body) {
            cached = body;
            return body.token;
          });
        },
      );
    }

    window.Henvis.mount('#henvis-widget', {
      apiUrl: launch.apiUrl,
      context: launch.context,
      getToken: getToken,
      view: 'both',
      locale: launch.locale,
      cspNonce: nonce,
      theme: launch.theme || {},
      onError: function (payload) {
        // Codes only: an error never carries personal data.
        console.warn('Henvis:', payload.code);
      },
    });
    var left = Date.parse(launch.expiresAt) - Date.now();
    setTimeout(
      function () {
        notice(t.ended, 'launch_session_missing');
      },
      Math.max(0, Math.min(left, 2147483647)),
    );
  }

  fetch('/launch/context', { credentials: 'same-origin', headers: { accept: 'application/json' } })
    .then(function (response) {
      if (!response.ok) {
        return codeOf(response).then(function (code) {
          notice(code === 'launch_session_missing' ? t.ended : t.failed, code);
        });
      }
      return response.json().then(start);
    })
    .catch(function () {
      notice(t.failed, 'network_error');
    });
})();
