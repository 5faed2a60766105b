import { parseArgs } from 'node:util';
import { adminRoles, roles, parseCpr, type AdminRole, type Role } from '@henvis/contracts';
import { signDevToken } from './auth/dev-issuer.js';
import { ConfigError, configFromEnv } from './config.js';
import { startServer } from './server.js';
import { BACKUP_USAGE, backupCommand, restoreCommand } from './backup/command.js';
import { ADMIN_USAGE, adminCommand } from './admin/command.js';
import { AUDIT_USAGE, auditCommand } from './audit/command.js';
import { PURGE_USAGE, purgeCommand } from './purge/command.js';
import { researchExportCommand } from './research/command.js';

const devTokenRoles: readonly string[] = [...roles, ...adminRoles];

const USAGE = `Usage:
  henvis-server start
      Starts the API. Environment: PORT (4000), HOST (127.0.0.1), HENVIS_MODE (development|production),
      DATABASE_URL (PostgreSQL) or HENVIS_DATA_DIR (PGlite folder or :memory:), HENVIS_AUDIENCE,
      HENVIS_TRUSTED_ISSUERS (JSON or @file), HENVIS_PSEUDONYM_KEY, LOG_LEVEL, HENVIS_CORS_ORIGINS,
      HENVIS_AUDIT_SIGNING_KEY (Ed25519 PEM or @file; required in production), HENVIS_AUDIT_CHECKPOINT_ROWS (10000),
      HENVIS_AUDIT_CHECKPOINT_FILE,
      HENVIS_WEBHOOKS and HENVIS_NAVIGATOR_ORGS (JSON or @file; seeded into the database when it lacks them),
      HENVIS_PUBLIC_URL (the API's origin as browsers reach it; default
      http://HOST:PORT).
      Development mode also serves the development login for the navigators' inbox: an OpenID provider at
      <HENVIS_PUBLIC_URL>/oidc, client id henvis-inbox. HENVIS_DEV_INBOX_URLS: comma-separated origins of the
      inbox, each allowed as redirect URI <origin>/ (default http://127.0.0.1:4200,http://localhost:4200).
  henvis-server dev-token --role <role> --org <id> [--patient <cpr>]
      Prints a 15-minute token from the development issuer. Roles: ${devTokenRoles.join(', ')} (admin: 5 minutes,
      for /v1/admin only).
      --org: a practice's ydernummer or SOR code (demo: 045678, 045679, 013456), a navigator
      organisation (demo: norddjurs-navigatorer), or an admin's organisation.
  henvis-server research-export --project <id> [--practice <id>]... [--out <dir>]
      Writes the pseudonymised research export of a project in HENVIS_RESEARCH_PROJECTS (development: the demo
      project demo-evaluering) to <dir> (default .): henvis-research-<project>-<date>.csv and its data
      dictionary .dictionary.json. All practices unless --practice names some. Only citizens of 18 or more with a
      consent valid now; refused, with the groups that fall short, when it cannot be made k-anonymous (k = 5).
      Audited, with the consents it relied on.
${ADMIN_USAGE}
${PURGE_USAGE}
${BACKUP_USAGE}
${AUDIT_USAGE}`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'start') {
    const config = configFromEnv();
    const server = await startServer(config);
    const storage = config.database.kind === 'postgres' ? 'PostgreSQL' : `PGlite (${config.database.dataDir})`;
    console.log(`Henvis API listening on ${server.url} — ${config.mode} mode, storage: ${storage}`);
    for (const issuer of config.issuers) {
      if (config.mode === 'production' && issuer.kind === 'navigator_idp' && !issuer.requireMfa) {
        console.warn(
          `WARNING: ${issuer.issuer} is trusted for navigators with "requireMfa": false: the API does not check their tokens for a multi-factor login.`,
        );
      }
    }
    if (server.devLoginIssuer) {
      console.log(`Development login for the navigators' inbox: ${server.devLoginIssuer} (client id henvis-inbox)`);
      // Anyone who reaches it logs in as anyone: say so loudly where it is reachable beyond this machine.
      if (!['127.0.0.1', 'localhost', '::1'].includes(config.host)) {
        console.warn(
          `WARNING: HOST=${config.host} makes the development login (anyone logs in as anyone) reachable from other machines. Use HENVIS_MODE=production for anything but a demo.`,
        );
      }
    }
    const stop = async () => {
      await server.close();
      process.exit(0);
    };
    process.once('SIGINT', () => void stop());
    process.once('SIGTERM', () => void stop());
    return -1;
  }
  if (command === 'dev-token') {
    const { values } = parseArgs({
      args: rest,
      options: { role: { type: 'string' }, org: { type: 'string' }, patient: { type: 'string' } },
    });
    if (!values.role || !devTokenRoles.includes(values.role) || !values.org) {
      console.error(`dev-token needs --role (${devTokenRoles.join(', ')}) and --org.\n\n${USAGE}`);
      return 2;
    }
    if (values.patient && values.role === 'admin') {
      console.error('An admin token names no patient: leave --patient out.');
      return 2;
    }
    if (values.patient && !parseCpr(values.patient).ok) {
      console.error('--patient must be a valid CPR number (DDMMYY-SSSS).');
      return 2;
    }
    const config = configFromEnv();
    if (config.mode === 'production') {
      console.error('dev-token is for development mode only.');
      return 2;
    }
    console.log(
      signDevToken({
        role: values.role as Role | AdminRole,
        org: values.org,
        audience: config.audience,
        ...(values.patient ? { patient: values.patient } : {}),
      }),
    );
    return 0;
  }
  if (command === 'research-export') return researchExportCommand(rest);
  if (command === 'audit') return auditCommand(rest);
  if (command === 'admin') return adminCommand(rest);
  if (command === 'purge') return purgeCommand(rest);
  if (command === 'backup') return backupCommand(rest);
  if (command === 'restore') return restoreCommand(rest);
  console.error(USAGE);
  return command === undefined || command === '--help' || command === 'help' ? 0 : 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    console.error(error instanceof ConfigError ? `Configuration error: ${error.message}` : error);
    process.exit(1);
  },
);
