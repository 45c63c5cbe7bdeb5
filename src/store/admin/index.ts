export { createAdmin, type AdminService, type AdminState, type RevealedPassword } from './admin';
export { AdminApiError, httpAdminApi, type AdminApi, type HttpAdminApiOptions } from './api';
export { adminCommands } from './commands';
