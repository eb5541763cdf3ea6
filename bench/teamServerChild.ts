/**
 * The team server of the team bench, in its own process (as in use: the coders' load must not share the
 * server's event loop): argv corpus folder, database settings (JSON), renderer folder. Prints {url} once
 * it listens; closes on SIGTERM.
 */
import { startTeamServer } from '../app/server/team/teamServer';

async function main() {
  const [corpusDir, database, rendererDir] = process.argv.slice(2);
  const server = await startTeamServer({ corpusDir, database: JSON.parse(database), rendererDir, watch: false });
  process.stdout.write(JSON.stringify({ url: server.url }) + '\n');
  process.once('SIGTERM', () => void server.close().finally(() => process.exit(0)));
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
