/** Per-platform, per-month sales reports with cost per acquisition, and their CSV export. */
package io.patternhub.accounting.reconcile.report;
