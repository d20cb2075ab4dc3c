package io.shoperp.mapping;

import java.util.regex.Pattern;

/**
 * What ERPNext (Frappe 15) accepts in the text fields the bridge writes. Data fields are varchar(140), address lines
 * 240, and a longer value is refused, not shortened (CharacterLengthExceededError); lengths count code points, as
 * Python and MariaDB do. Data fields with the options Email or Phone must match Frappe's patterns.
 */
final class ErpNextText {

    static final int DATA_LENGTH = 140;
    static final int ADDRESS_LINE_LENGTH = 240;

    /**
     * frappe/utils/__init__.py EMAIL_MATCH_PATTERN with Python's re.IGNORECASE: ASCII only, no leading, trailing
     * or doubled dot in the local part. Frappe matches it from the start only; here the whole address must match,
     * which refuses a few oddities Frappe would store but accepts nothing Frappe refuses.
     */
    private static final Pattern EMAIL = Pattern.compile(
            "[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@"
                    + "(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    /** frappe/utils/__init__.py PHONE_NUMBER_PATTERN: 1 to 20 of digits, space and + _ - , . * # ( ), no letters. */
    private static final Pattern PHONE = Pattern.compile("[0-9 +_\\-,.*#()]{1,20}");

    private ErpNextText() {
    }

    /** The text cut to {@code maxLength} code points (never inside a surrogate pair), without trailing spaces. */
    static String cut(String text, int maxLength) {
        if (text.codePointCount(0, text.length()) <= maxLength) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, maxLength)).stripTrailing();
    }

    /** frappe/model/naming.py validate_name refuses a document name containing '&lt;' or '&gt;' (409 NameError). */
    static String withoutAngleBrackets(String text) {
        return text.replace("<", "").replace(">", "");
    }

    /** Whether a Contact Email row (Data, options Email, 140) takes this stripped address. */
    static boolean isAcceptedEmail(String email) {
        // validate_email_address refuses anything mentioning undisclosed recipients, whatever the pattern says.
        return EMAIL.matcher(email).matches() && email.length() <= DATA_LENGTH
                && !email.contains("undisclosed-recipient");
    }

    /** Whether a Contact Phone row (Data, options Phone) takes this stripped number. */
    static boolean isAcceptedPhone(String phone) {
        return PHONE.matcher(phone).matches();
    }
}
