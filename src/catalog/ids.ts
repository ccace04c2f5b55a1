/** The ids Service Catalog's APIs accept for records, provisioned products and service actions: 1 to 100 of these characters. */
const serviceCatalogIdPattern = /^[a-zA-Z0-9_-]{1,100}$/;

export function isServiceCatalogId(value: string): boolean {
  return serviceCatalogIdPattern.test(value);
}
