import type { RoutePlugin } from '../../lib/routes';

export const statusesRoutes: RoutePlugin = async () => {};
