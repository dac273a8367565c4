import { Command } from 'commander';
import { registerSelfcheckCommands } from '../modules/selfcheck/cli.js';
import { registerAdminCommands } from './admin-commands.js';
import { registerBackupCommands } from './backup-commands.js';
import { registerDemoCommands } from './demo-commands.js';
import { registerProbeCommands } from './probe-commands.js';
import { registerReportCommands } from './report-commands.js';
import { registerServeCommands } from './serve-commands.js';

/** The `mamoru` command tree; configuration comes from the same environment variables as the server. */
export function buildProgram(): Command {
  const program = new Command()
    .name('mamoru')
    .description('Mamoru (守る): information-security management under the Government Unified Standards')
    .showHelpAfterError();
  registerServeCommands(program);
  registerDemoCommands(program);
  registerAdminCommands(program);
  registerSelfcheckCommands(program);
  registerProbeCommands(program);
  registerBackupCommands(program);
  registerReportCommands(program);
  return program;
}
