export function registerSelfcheckCommands(_p: import('commander').Command) {}
