/** The record of every request a sandbox received and how it answered. */
package io.patternhub.testkit.journal;
