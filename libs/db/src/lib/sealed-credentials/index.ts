export * from './sealed-columns';
export * from './credential-census';
export * from './credential-resealer';
