package org.lpsa.forms.ideas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lpsa.forms.PriorityArea;

class AreaClassifierTest {
    @Test
    void aPlusAddressDecides() {
        AreaClassifier.Choice c = AreaClassifier.classify(List.of("Ideas+Webinars@decentralization.net"), "Courses", "training course");
        assertEquals(PriorityArea.WEBINAR_TOPICS, c.area());
        assertEquals("plus address +webinars", c.reason());
    }

    @Test
    void aSubjectTagDecidesWhenThereIsNoPlusAddress() {
        AreaClassifier.Choice c = AreaClassifier.classify(List.of("ideas@decentralization.net"), "[courses] Fiscal decentralization 101", "");
        assertEquals(PriorityArea.ONLINE_COURSES, c.area());
        assertEquals("subject tag [courses]", c.reason());
    }

    @Test
    void anUnknownTagFallsThroughToKeywords() {
        AreaClassifier.Choice c = AreaClassifier.classify(List.of("ideas+misc@decentralization.net"), "[misc] A dataset",
                "An open database of local government indicators.");
        assertEquals(PriorityArea.KNOWLEDGE_PRODUCTS, c.area());
        assertTrue(c.reason().startsWith("keywords: "), c.reason());
    }

    @Test
    void keywordsInTheSubjectCountTwice() {
        AreaClassifier.Choice c = AreaClassifier.byKeywords("Regional chapter for the Pacific", "A webinar could launch it.");
        assertEquals(PriorityArea.REGIONAL_CHAPTERS, c.area());
    }

    @Test
    void aTieOrTooLittleIsOther() {
        assertEquals(PriorityArea.OTHER, AreaClassifier.byKeywords("Hello", "Thank you for the invitation.").area());
        assertEquals(PriorityArea.OTHER, AreaClassifier.byKeywords("", "A webinar and a workshop").area());
        assertEquals("no keywords of any area", AreaClassifier.byKeywords(null, null).reason());
    }

    @Test
    void stemsMatchAtTheStartOfWordsOnly() {
        // "metadata" must not count as "data"
        assertEquals(PriorityArea.OTHER, AreaClassifier.byKeywords("", "metadata metadata metadata").area());
        assertEquals(PriorityArea.KNOWLEDGE_PRODUCTS, AreaClassifier.byKeywords("", "datasets and data").area());
    }
}
