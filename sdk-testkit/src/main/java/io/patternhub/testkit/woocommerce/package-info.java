/**
 * A stateful WooCommerce REST API v3 sandbox, {@link io.patternhub.testkit.woocommerce.WooCommerceSandbox},
 * for the storefront's tests, users' tests and the offline demo.
 *
 * <h2>What it serves (under {@code /wp-json/wc/v3})</h2>
 * <ul>
 *   <li>Products: list (page/per_page, {@code sku}, {@code status}), create, retrieve, update, delete,
 *       {@code POST /products/batch}; simple virtual downloadable products with {@code downloads[]}
 *       ({@code id}, {@code name}, {@code file} URL), {@code download_limit}, {@code download_expiry};
 *       a duplicated SKU is refused with {@code product_invalid_sku}.</li>
 *   <li>Orders: list ({@code after}, {@code before}, {@code modified_after}, {@code modified_before},
 *       {@code status}, {@code product}, {@code customer}, {@code orderby} date/id/modified, {@code order}),
 *       retrieve, update ({@code status}, {@code meta_data}), {@code POST /orders/batch} (update only);
 *       line items, tax lines, fee lines, refunds summary; refunds list and create.</li>
 *   <li>Download permissions: granted when an order enters {@code processing} or {@code completed}
 *       and its {@code _download_permissions_granted} flag is not set, one per file of each downloadable
 *       product, with {@code download_limit * quantity} downloads and {@code download_expiry} days
 *       (as {@code wc_downloadable_product_permissions}; no de-duplication, like WooCommerce);
 *       {@code GET /customers/{id}/downloads}.</li>
 *   <li>Webhooks: CRUD; deliveries signed with {@code X-WC-Webhook-Signature} (Base64 HMAC-SHA256 of
 *       the body) and the other {@code X-WC-Webhook-*} headers; the fifth consecutive non-2xx delivery
 *       sets the status to {@code disabled}; a PUT with {@code status: active} re-enables it.</li>
 *   <li>{@code /wc-auth/v1/authorize}: approves at once, POSTs the new keys as JSON to
 *       {@code callback_url} and redirects to {@code return_url?success=1&user_id=...}.</li>
 * </ul>
 *
 * <h2>WooCommerce behaviour it reproduces</h2>
 * Consumer key and secret by HTTP Basic or {@code consumer_key}/{@code consumer_secret} query
 * parameters (401 otherwise); {@code X-WP-Total}, {@code X-WP-TotalPages} and {@code Link}
 * ({@code rel="next"}/{@code "prev"}) on lists; {@code per_page} 1..100, default 10; batches of at most
 * 100 objects (413 {@code woocommerce_rest_request_entity_too_large}) with per-item errors in place;
 * errors as {@code {"code","message","data":{"status"}}}.
 *
 * <h2>Sandbox conventions (not WooCommerce facts)</h2>
 * The site's timezone is UTC, so local and GMT dates are equal; plain HTTP is accepted with Basic
 * auth (a real site needs HTTPS for it); only simple products; the grant ignores the
 * "grant access after payment" option (always on); orders are seeded, not created through the API.
 */
package io.patternhub.testkit.woocommerce;
