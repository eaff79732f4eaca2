import { CORE_ERRORS, type ErrorCatalogues } from '@app/core';
import { HEARINGS_ERRORS } from '@app/hearings';
import { NOTICES_ERRORS } from '@app/notices';
import { PANELS_ERRORS } from '@app/panels';
import { REGISTRY_ERRORS } from '@app/registry';
import { RULINGS_ERRORS } from '@app/rulings';

/**
 * Every lib's catalogue, in the order of the dependencies. Typed on the catalogues the libs
 * declare to core, so a lib's new catalogue that is not listed here does not compile.
 */
export const ERROR_CATALOGUES: { readonly [L in keyof ErrorCatalogues]: ErrorCatalogues[L] } = {
  core: CORE_ERRORS,
  registry: REGISTRY_ERRORS,
  notices: NOTICES_ERRORS,
  panels: PANELS_ERRORS,
  hearings: HEARINGS_ERRORS,
  rulings: RULINGS_ERRORS,
};
