/**
 * Master catalog, durable store, catalog sync, order ingest, buyer access, privacy and insights.
 */
package io.patternhub.hub;
