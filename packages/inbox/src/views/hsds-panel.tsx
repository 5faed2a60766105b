import { useState } from 'preact/hooks';
import type { HsdsImportReport } from '@henvis/contracts';
import { useInbox } from '../client-context.js';
import { locale, textsOf } from '../locale.js';
import { saveFile } from '../save-file.js';
import { useAction } from '../use-action.js';
import { catalogueTexts } from './catalogue-texts.js';
import { Alert } from '../alert.js';

const t = textsOf(catalogueTexts);

const formatOf = (file: File): 'json' | 'zip' => (/\.zip$/i.test(file.name) || /zip/.test(file.type) ? 'zip' : 'json');

/** The coordinator's HSDS export (JSON or the CSV package) and import: a dry run's report first, then the import. */
export function HsdsPanel({ onImported }: { onImported: () => void }) {
  const { client } = useInbox();
  const exporting = useAction();
  const importing = useAction();
  const [file, setFile] = useState<File>();
  const [inputKey, setInputKey] = useState(0);
  const [report, setReport] = useState<HsdsImportReport>();
  const [status, setStatus] = useState('');
  const [noFile, setNoFile] = useState(false);
  const h = t.value.hsds;

  const download = (format: 'json' | 'zip') =>
    exporting.run(async () => {
      const name = `henvis-offers-hsds.${format}`;
      saveFile(await client.exportOffers(format), name);
      setStatus(h.exported(name));
    });

  async function check(event: Event) {
    event.preventDefault();
    setStatus('');
    setNoFile(!file);
    if (!file) return;
    await importing.run(async () =>
      setReport(await client.importOffers(file, { format: formatOf(file), dryRun: true, locale: locale.value })),
    );
  }

  async function confirm() {
    if (!file) return;
    await importing.run(async () => {
      const done = await client.importOffers(file, { format: formatOf(file), dryRun: false, locale: locale.value });
      setReport(undefined);
      setFile(undefined);
      setInputKey((k) => k + 1);
      setStatus(h.imported(done.created, done.updated, done.unchanged, done.rejected.length));
      onImported();
    });
  }

  const toImport = report ? report.created + report.updated : 0;
  return (
    <section class="hsds" aria-labelledby="hsds-title">
      <h2 id="hsds-title">{h.title}</h2>
      <p>{h.lead}</p>
      <div class="actions">
        <button type="button" onClick={() => void download('json')} disabled={exporting.busy}>
          {h.exportJson}
        </button>
        <button type="button" onClick={() => void download('zip')} disabled={exporting.busy}>
          {h.exportZip}
        </button>
      </div>
      <Alert message={exporting.error} />
      <form class="hsds-import" onSubmit={(e) => void check(e)}>
        <div class="field">
          <label for="hsds-file">{h.file}</label>
          <input
            key={inputKey}
            id="hsds-file"
            type="file"
            accept=".json,.zip,application/json,application/zip"
            aria-describedby="hsds-file-lead"
            onChange={(e) => {
              setFile(e.currentTarget.files?.[0]);
              setReport(undefined);
              setNoFile(false);
            }}
          />
          <p id="hsds-file-lead" class="hint">
            {h.checkLead}
          </p>
        </div>
        <button type="submit" disabled={importing.busy}>
          {h.check}
        </button>
      </form>
      <Alert message={noFile ? h.noFile : importing.error} />
      {report && <ImportReport report={report} />}
      {report && (
        <div class="actions">
          {toImport > 0 ? (
            <button type="button" class="primary" onClick={() => void confirm()} disabled={importing.busy}>
              {h.confirm(toImport)}
            </button>
          ) : (
            <p>{h.nothing}</p>
          )}
          <button type="button" onClick={() => setReport(undefined)}>
            {h.discard}
          </button>
        </div>
      )}
      <p role="status" class="notice">
        {status}
      </p>
    </section>
  );
}

/** Where a refused field was read from: the tabular package's file and line, or the HSDS field alone. */
const whereOf = (error: HsdsImportReport['rejected'][number]['errors'][number]) =>
  error.file ? t.value.hsds.where(error.file, error.line, error.field) : error.field;

/** The dry run's report: each offer the import adds, changes (and what) or leaves alone, and each refused row. */
function ImportReport({ report }: { report: HsdsImportReport }) {
  const h = t.value.hsds;
  return (
    <div class="import-report">
      <h3>{h.reportTitle}</h3>
      <p>{h.summary(report.created, report.updated, report.unchanged, report.rejected.length)}</p>
      {report.offers.length > 0 && (
        <table class="data">
          <caption>{h.offersCaption}</caption>
          <thead>
            <tr>
              <th scope="col">{h.row}</th>
              <th scope="col">{h.offer}</th>
              <th scope="col">{h.outcome}</th>
            </tr>
          </thead>
          <tbody>
            {report.offers.map((offer) => (
              <tr key={offer.row} class={`outcome-${offer.outcome}`}>
                <td>{offer.row}</td>
                <th scope="row">{offer.name}</th>
                <td>
                  {h.outcomes[offer.outcome]}
                  {offer.changed && `: ${offer.changed.map((part) => h.parts[part]).join(', ')}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {report.rejected.length > 0 && (
        <table class="data">
          <caption>{h.rejectedCaption}</caption>
          <thead>
            <tr>
              <th scope="col">{h.row}</th>
              <th scope="col">{h.offer}</th>
              <th scope="col">{h.field}</th>
              <th scope="col">{h.problem}</th>
            </tr>
          </thead>
          <tbody>
            {report.rejected.flatMap((rejected) =>
              rejected.errors.map((error, i) => (
                <tr key={`${rejected.row}-${i}`}>
                  <th scope="row">{rejected.row}</th>
                  <td>{rejected.name ?? rejected.serviceId ?? ''}</td>
                  <td>
                    <code>{whereOf(error)}</code>
                  </td>
                  <td>{error.message}</td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      )}
    </div>
  );
}
