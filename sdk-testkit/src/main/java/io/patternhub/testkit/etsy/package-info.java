/**
 * A stateful Etsy Open API v3 sandbox, {@link io.patternhub.testkit.etsy.EtsySandbox}, for the
 * storefront's tests, users' tests and the offline demo.
 *
 * <h2>What it serves</h2>
 * <ul>
 *   <li>Listings: createDraftListing (form, the spec's required fields, {@code type=download}),
 *       updateListing (PATCH: title, description, tags, taxonomy, {@code state} active/inactive),
 *       getListing, getListingsByListingIds, getListingsByShop ({@code state}, {@code includes=Inventory},
 *       {@code skus}), findAllActiveListingsByShop, deleteListing.</li>
 *   <li>Inventory: getListingInventory, updateListingInventory (one offering per product; SKU and price).</li>
 *   <li>Files: uploadListingFile (multipart {@code file} + {@code name} + {@code rank}, or
 *       {@code listing_file_id}), getAllListingFiles, getListingFile, deleteListingFile.</li>
 *   <li>Orders: getShopReceipts (created/last-modified/paid/canceled filters, sorting, paging),
 *       getShopReceipt, receipt and shop transactions, payments by receipt or id, payment-account
 *       ledger entries (and their payments).</li>
 *   <li>getShop, getMe, ping, and the OAuth token endpoint {@code /v3/public/oauth/token}
 *       ({@code authorization_code} with PKCE S256, {@code refresh_token} with rotation).</li>
 * </ul>
 *
 * <h2>Etsy behaviour it reproduces</h2>
 * {@code x-api-key: keystring:shared_secret} on every call (401 otherwise); bearer tokens with
 * scopes (401 expired or unknown, 403 missing scope or another user's shop); 1-hour access tokens;
 * {@code limit} (1..100, default 25) + {@code offset} pages answered as {@code count} + {@code results};
 * {@code x-limit-per-second}, {@code x-remaining-this-second}, {@code x-limit-per-day},
 * {@code x-remaining-today} on every API response, 429 with {@code retry-after} above 10 per second
 * or 10,000 per rolling day per API key; Money as {@code amount}/{@code divisor}/{@code currency_code};
 * {@code buyer_email} null unless seeded; errors as {@code {"error": "..."}}; signed
 * {@code order.paid} webhooks ({@code webhook-id}, {@code webhook-timestamp}, {@code webhook-signature}).
 * Every API request is validated against the bundled OpenAPI description and every response the
 * sandbox sends is checked against it too.
 *
 * <h2>Assumptions and sandbox conventions (not Etsy facts)</h2>
 * At most 5 files per listing and 20 MB per file (configurable; Etsy does not publish these);
 * default processing fees of 3% + 0.25 when a seed gives none; fees refunded in proportion to the
 * refunded share; ledger types {@code PAYMENT_GROSS}, {@code PAYMENT_PROCESSING_FEE},
 * {@code REFUND_GROSS}, {@code REFUND_PROCESSING_FEE}, {@code DISBURSE}. The sales tax and VAT Etsy
 * collects and remits (ANCHORS §2.5: it "shows up in the seller's payment account") are credited with
 * the sale in {@code PAYMENT_GROSS} and debited as their own entries, {@code PAYMENT_SALES_TAX} and
 * {@code PAYMENT_VAT}, referring to the receipt with {@code parent_entry_id} the gross entry; a refund
 * credits back its share ({@code refund * tax / total}, half-even) as {@code REFUND_SALES_TAX} /
 * {@code REFUND_VAT}. The spec does not enumerate {@code ledger_type} values: these names are the
 * sandbox's. Fees that belong to no receipt (listing fees, ads) are posted by
 * {@code EtsySandbox.chargeFee} with the type the test gives; one ledger balance per
 * currency (Etsy converts to the shop currency); a file uploaded without {@code rank} goes last.
 * Not modelled: images, videos, variations and property values, shipping, translations, Etsy's
 * activation rules (images required), other webhook events.
 */
package io.patternhub.testkit.etsy;
