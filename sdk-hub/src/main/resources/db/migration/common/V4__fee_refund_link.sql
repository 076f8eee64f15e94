-- V4: a fee may come with one refund of its order (e.g. the processing fee Etsy gives back on a refund): the
-- refund's platform id, so the books take the fee at the refund's date rather than the sale's.
ALTER TABLE order_fees ADD COLUMN refund_id TEXT;
ALTER TABLE payout_fees ADD COLUMN refund_id TEXT;
