/**
 * A stateful Ravelry pattern-store sandbox ({@link io.patternhub.testkit.ravelry.RavelrySandbox}).
 *
 * <p>Served routes: {@code POST /oauth2/token}; {@code GET /stores/list.json};
 * {@code GET /stores/{id}/products.json}; {@code GET /stores/{id}/purchases.json}; {@code POST
 * /products/create.json}; {@code GET} and {@code POST /products/{id}.json}; {@code GET
 * /products/{id}/attachments.json}; {@code POST /product_attachments/upload.json}; {@code GET},
 * {@code POST} and {@code DELETE /product_attachments/{id}.json}.
 *
 * <p>Assumptions where Ravelry's documentation is silent: error bodies are {@code {"errors": ["..."]}}
 * (the docs say 400 comes "along with the errors" but show no shape); refresh tokens do not rotate; a new
 * product gets the default SKU {@code RAV-<id>} and stays inactive until it has a price and an attachment;
 * {@code stores/{id}/products.json} lists every product (the docs say "active products"), and without
 * {@code page_size} returns them all in one page without a paginator; sales without {@code min_paid_date}
 * include unpaid invoices; the OpenAPI file's {@code store_id} query parameter is read from the path, as
 * the official page has it.
 *
 * <p>Not modelled: OAuth 1.0a, pattern drafts and publishing, {@code generate_download_link}, In Store
 * Sales, deliveries, the HTTPS-only rule for personal keys (the sandbox is plain HTTP on loopback).
 */
package io.patternhub.testkit.ravelry;
