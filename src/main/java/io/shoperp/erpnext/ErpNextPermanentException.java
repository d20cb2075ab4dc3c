package io.shoperp.erpnext;

/** ERPNext rejected the call (validation, auth, missing document): retrying the same call cannot help. */
public final class ErpNextPermanentException extends ErpNextException {

    public ErpNextPermanentException(String message, int status, String excType) {
        super(message, status, excType, null);
    }
}
