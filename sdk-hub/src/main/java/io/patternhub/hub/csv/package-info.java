/**
 * CSV import for shops without an API (Creative Market, Gumroad, Payhip, Etsy's order export as a
 * fallback): a configurable {@link io.patternhub.hub.csv.CsvMapping}, shipped mappings in
 * {@link io.patternhub.hub.csv.CsvMappings}, and {@link io.patternhub.hub.csv.CsvSalesImporter}, which
 * turns a file into normalized orders and reports every rejected row with its line number.
 */
package io.patternhub.hub.csv;
