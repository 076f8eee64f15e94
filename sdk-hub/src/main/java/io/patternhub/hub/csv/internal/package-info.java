/**
 * Implementation of the CSV import: reading rows with their line numbers, parsing cells, assembling
 * orders. Not public API: may change without notice.
 */
package io.patternhub.hub.csv.internal;
