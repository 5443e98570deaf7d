import type { RoutePlugin } from '../../lib/routes';

export const kbRoutes: RoutePlugin = async () => {};
