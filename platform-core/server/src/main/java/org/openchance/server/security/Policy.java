package org.openchance.server.security;

/** Who may call an operation: the values of the schema's {@code @policy(allow: ...)} directive. */
public enum Policy {
    SIGNED_IN,
    EMPLOYEE,
    WRITE,
    EMPLOYEE_WRITE,
    ADMIN,
    PERSON;

    /** Why the caller may not call an operation of this policy; null when they may. */
    public String refusal(Caller caller) {
        if (caller == null) {
            return "not signed in";
        }
        if (!caller.scopes().contains(ApiScope.READ) && this != PERSON && this != ADMIN) {
            return "the API key has no READ scope";
        }
        return switch (this) {
            case SIGNED_IN -> null;
            case EMPLOYEE -> caller.isPartner() ? "not open to partners" : null;
            case WRITE -> writeRefusal(caller);
            case EMPLOYEE_WRITE -> caller.isPartner() ? "not open to partners" : writeRefusal(caller);
            case ADMIN ->
                !caller.has(Role.ADMIN)
                        ? "needs the ADMIN role"
                        : caller.scopes().contains(ApiScope.ADMIN) ? null : "the API key has no ADMIN scope";
            case PERSON -> caller.apiKeyId() == null ? null : "only for a signed-in person, not an API key";
        };
    }

    private static String writeRefusal(Caller caller) {
        if (caller.has(Role.READ_ONLY)) {
            return "the user is read-only";
        }
        return caller.scopes().contains(ApiScope.WRITE) ? null : "the API key has no WRITE scope";
    }
}
