package io.patternhub.core.ledger;

/** The kind of a ledger account, normalized across QuickBooks and Xero. */
public enum AccountType {
    BANK,
    /** Other current or fixed assets, including clearing accounts for platform balances. */
    ASSET,
    LIABILITY,
    EQUITY,
    REVENUE,
    COST_OF_SALES,
    EXPENSE,
    OTHER
}
