/**
 * The office API's routes as a type, for Hono's typed client (`hc<AppType>`) in the extension: the
 * one server module the extension may import (type only; .dependency-cruiser.cjs allows it), so a
 * changed route or body is a compile error there instead of a surprise in a browser.
 */
import type { officeApi } from './index';

export type AppType = typeof officeApi;
