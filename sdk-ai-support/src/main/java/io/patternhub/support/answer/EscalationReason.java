package io.patternhub.support.answer;

/** Why a ticket goes to a person. */
public enum EscalationReason {
    /** The customer asked for a person. */
    HUMAN_REQUESTED,
    /** The customer asked for a refund, reported a double charge or wants to cancel. */
    REFUND_REQUEST,
    /** The request needs account or order changes the assistant cannot make. */
    ACCOUNT_SPECIFIC,
    /** The documentation does not support an answer with enough confidence. */
    NOT_IN_DOCUMENTATION,
    /** An order tool was needed but the order could not be found or the action failed. */
    ORDER_NOT_FOUND,
    /** The answering model failed or gave an unusable reply. */
    ANSWERER_FAILED,
    /** A previous attempt at this ticket was interrupted; a person should check what the customer got. */
    INTERRUPTED
}
