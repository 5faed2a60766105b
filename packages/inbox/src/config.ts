/** Where the inbox finds the API and the identity provider: filled into index.html by whoever serves it. */
export interface InboxConfig {
  apiUrl: string;
  issuer: string;
  clientId: string;
  /** This page, as registered with the identity provider. */
  redirectUri: string;
  /** Where the widget's files are: the course shows its consent and WHO-5 views. */
  widgetUrl?: string;
}

export function readConfig(doc: Document = document): InboxConfig {
  const meta = (name: string) => {
    const value = doc.querySelector<HTMLMetaElement>(`meta[name="henvis-${name}"]`)?.content ?? '';
    if (!value || value.startsWith('{{')) throw new Error(`index.html has no henvis-${name} setting`);
    return value;
  };
  const widgetUrl = doc.querySelector<HTMLMetaElement>('meta[name="henvis-widget-url"]')?.content;
  return {
    apiUrl: meta('api-url'),
    issuer: meta('issuer'),
    clientId: meta('client-id'),
    redirectUri: `${location.origin}/`,
    ...(widgetUrl && !widgetUrl.startsWith('{{') ? { widgetUrl } : {}),
  };
}
