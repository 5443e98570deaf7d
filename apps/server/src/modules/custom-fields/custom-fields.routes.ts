import type { RoutePlugin } from '../../lib/routes';

export const customFieldsRoutes: RoutePlugin = async () => {};
