/**
 * Grounded answers from pattern documentation, LLM clients, helpdesk adapters and evaluation.
 */
package io.patternhub.support;
