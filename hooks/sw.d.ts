// The values hooks/offline.py writes into hooks/sw.js where these names stand, for the type
// check (tsconfig.sw.json): the build's files, URL relative to the site's root -> sha256.
declare const __RUNTIME__: Record<string, string>;
declare const __SITE__: Record<string, string>;
