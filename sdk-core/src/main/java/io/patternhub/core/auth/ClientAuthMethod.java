package io.patternhub.core.auth;

/** How the client proves its identity to the token endpoint (RFC 6749 section 2.3). */
public enum ClientAuthMethod {
    /**
     * Client id and secret in an {@code Authorization: Basic} header, never in the body
     * ({@code client_secret_basic}). Ravelry accepts only this.
     */
    BASIC_HEADER,
    /** Client id and secret as {@code client_id} and {@code client_secret} form fields ({@code client_secret_post}). */
    FORM_BODY,
    /** A public client: only {@code client_id} in the body, no secret (Etsy with PKCE). */
    NONE
}
