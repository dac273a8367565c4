export function registerDemoCommands(_p: import('commander').Command) {}
