package org.openchance.search.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.codec.language.ColognePhonetic;
import org.apache.commons.codec.language.DoubleMetaphone;

/**
 * How a word sounds: Kölner Phonetik for German spellings ("Photovoltaik" and "Fotovoltaik", "Maier" and "Meyer")
 * and Double Metaphone for English ones ("Smith" and "Smyth"). Both ignore vowels inside a word, so they also join
 * names that merely look alike ("Miller" and "Müller"): search consults them last and ranks them below everything
 * else.
 */
final class Sounds {

    private static final ColognePhonetic COLOGNE = new ColognePhonetic();
    private static final int METAPHONE_LENGTH = 6; // the default 4 joins too many long words
    /** "in", "am" and "um" share a Kölner code: two letters say too little about a sound. */
    private static final int MIN_LENGTH = 3;

    private Sounds() {}

    /** Codes of a word in exact form (lower case, umlauts folded); none for numbers and words under 3 letters. */
    static List<String> of(String exactWord) {
        if (exactWord.length() < MIN_LENGTH || !exactWord.chars().allMatch(Character::isLetter)) {
            return List.of();
        }
        String cologne = COLOGNE.encode(exactWord);
        DoubleMetaphone metaphone = new DoubleMetaphone(); // its length is a field: one per call, no sharing
        metaphone.setMaxCodeLen(METAPHONE_LENGTH);
        String english = metaphone.doubleMetaphone(exactWord);
        List<String> codes = new ArrayList<>(2);
        if (!cologne.isEmpty()) {
            codes.add("k" + cologne);
        }
        if (english != null && !english.isEmpty()) {
            codes.add("m" + english.toLowerCase(Locale.ROOT));
        }
        return codes;
    }
}
