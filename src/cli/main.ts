import { Command } from 'commander';
import { registerSelfcheckCommands } from '../modules/selfcheck/cli.js';
import { registerAdminCommands } from './admin-commands.js';
import { registerDemoCommands } from './demo-commands.js';
import { registerServeCommands } from './serve-commands.js';

// `mamoru <command>`: configuration comes from the same environment variables as the server.
const program = new Command()
  .name('mamoru')
  .description('Mamoru (守る): information-security management under the Government Unified Standards')
  .showHelpAfterError();

registerServeCommands(program);
registerDemoCommands(program);
registerAdminCommands(program);
registerSelfcheckCommands(program);

program.parseAsync(process.argv).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
