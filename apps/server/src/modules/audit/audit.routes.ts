import type { RoutePlugin } from '../../lib/routes';

export const auditRoutes: RoutePlugin = async () => {};
