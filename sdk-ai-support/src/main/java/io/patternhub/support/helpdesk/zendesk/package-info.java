/**
 * The Zendesk helpdesk: {@link io.patternhub.support.helpdesk.zendesk.ZendeskHelpdesk}, a
 * {@link io.patternhub.support.helpdesk.Helpdesk} over the Zendesk Support tickets API.
 */
package io.patternhub.support.helpdesk.zendesk;
