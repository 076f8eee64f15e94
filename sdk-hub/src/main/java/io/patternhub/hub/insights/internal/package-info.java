/** Internal machinery of insights: statistics, forecasting, chart and file writers. Not public API. */
package io.patternhub.hub.insights.internal;
