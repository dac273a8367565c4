export function registerAdminCommands(_p: import('commander').Command) {}
