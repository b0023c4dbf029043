package dev.heavyweight.moderation.prompt.lexicon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heavyweight.moderation.config.TopicConfig.UnassessedAction;
import dev.heavyweight.moderation.prompt.PromptInput;
import dev.heavyweight.moderation.topics.Assessment;
import dev.heavyweight.moderation.topics.EngineResult;
import dev.heavyweight.moderation.topics.Topic;
import dev.heavyweight.moderation.topics.Topics;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The lexicon engine with the shipped topic terms (application.properties), English and Russian. */
class LexiconEngineTest {

    private static final String PREFIX = "heavyweight.moderation.topics.";

    private final LexiconEngine engine = engine(shippedTerms());

    private static Map<String, List<String>> shippedTerms() {
        Properties properties = new Properties();
        try (Reader reader = new InputStreamReader(
                LexiconEngineTest.class.getResourceAsStream("/application.properties"), StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return properties.stringPropertyNames().stream()
                .filter(key -> key.startsWith(PREFIX) && key.endsWith(".terms"))
                .collect(Collectors.toMap(key -> key.substring(PREFIX.length(), key.length() - ".terms".length()),
                        key -> Arrays.stream(properties.getProperty(key).split(",")).map(String::trim).toList()));
    }

    private static LexiconEngine engine(Map<String, List<String>> terms) {
        List<Topic> topics = new ArrayList<>();
        terms.forEach((name, list) -> topics.add(new Topic(name, 0.5, false, UnassessedAction.ALLOW,
                UnassessedAction.ALLOW, "", list, List.of(), List.of(), Map.of())));
        topics.add(new Topic("no-terms", 0.5, false, UnassessedAction.ALLOW, UnassessedAction.ALLOW, "", List.of(),
                List.of(), List.of(), Map.of()));
        Topics all = new Topics(topics, 0.1);
        return new LexiconEngine(new Blocklist(all, new PromptNormalizer()), all);
    }

    private EngineResult assess(String prompt) {
        return engine.assess(new PromptInput("t", "task", prompt, "")).await().indefinitely();
    }

    private List<String> flagged(String prompt) {
        EngineResult result = assess(prompt);
        return result.topics().entrySet().stream().filter(e -> e.getValue().score() == 1).map(Map.Entry::getKey)
                .sorted().toList();
    }

    @ParameterizedTest
    @CsvSource({
            "'сцена убийства в переулке', violence", "'орудие убийства', violence", "'он занимается убийством', violence",
            "'murders in the rue morgue', violence", "'the king was murdered', violence",
            "'склад наркотиков', drugs", "'наркотики на столе', drugs", "'как купить кокаин', drugs",
            "'собрать бомбу дома', weapons", "'схема самодельной бомбы', weapons",
            "'мысли о самоубийстве', self-harm", "'хочу покончить с собой', self-harm",
            "'порно с актрисой', sexual", "'детское порно', 'minors,sexual'", "'плакат со свастикой', hate",
            // Latin transliteration of Russian
            "'ubiystvo v pereulke', violence", "'narkotiki', drugs", "'kupit kokain', drugs",
            "'porno', sexual", "'samoubiystvo', self-harm", "'sobrat bombu', weapons",
            // disguised: look-alikes from the other script, leetspeak, invisible and combining marks, spaced letters
            "'yбийcтвo', violence", "'у6ийств0', violence", "'у б и й с т в о', violence",
            "'у.б.и.й.с.т.в.о', violence", "'у\u200Bбий\u200Cство', violence", "'у\u0301бийство', violence",
            "'н а р к о т и к и', drugs", "'m u r d e r', violence", "'m\u200Burd3r', violence",
            "'ＵＢＩＹＳＴＶＯ', violence", "'k o k a i n', drugs"})
    void bannedPromptsAreFlaggedInTheirTopic(String prompt, String topics) {
        assertThat(flagged(prompt)).containsExactlyElementsOf(Arrays.stream(topics.split(",")).sorted().toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"фото кота на пляже", "кит-убийца в океане", "бокал вина на закате", "урок анатомии",
            "героиня романа в красном платье", "резные деревянные двери", "гол в ворота на последней минуте",
            "портрет бабушки маслом", "мина на лице актёра", "натюрморт с лимонами", "школьница с рюкзаком идёт в школу",
            "голубое небо над полем", "футболист забивает гол", "детская площадка в парке", "метро москвы ночью",
            "a killer whale breaching", "skilled painter at work", "bath bomb in a tub", "a photo bomb at a wedding",
            "the heroine of the novel", "a lighthouse at dawn, watercolor", "kot na plyazhe", "bokal vina",
            "урок истории о второй мировой войне", "кокарда на фуражке", "пытливый ум учёного"})
    void benignPromptsAreAssessedClean(String prompt) {
        EngineResult result = assess(prompt);
        assertThat(flagged(prompt)).isEmpty();
        assertThat(result.of("violence")).isEqualTo(Assessment.of(0));
        assertThat(result.of("drugs")).isEqualTo(Assessment.of(0));
    }

    @Test
    void promptInAScriptWithoutTermsIsNotAssessed() {
        EngineResult result = assess("海滩上的猫的照片");
        assertThat(result.topics()).isEmpty();
        assertThat(result.of("violence").assessed()).isFalse();
    }

    @Test
    void mixedPromptWithAnUncoveredScriptIsNotAssessedUnlessATermIsFound() {
        assertThat(assess("a cat 在海滩上").topics()).isEmpty();
        EngineResult hit = assess("murder 在海滩上");
        assertThat(hit.of("violence")).isEqualTo(Assessment.of(1));
        assertThat(hit.of("drugs").assessed()).isFalse();
    }

    @Test
    void cyrillicPromptIsNotAssessedForATopicWithEnglishTermsOnly() {
        LexiconEngine englishOnly = engine(Map.of("violence", List.of("murder"), "drugs", List.of("cocaine", "кокаин")));
        EngineResult result = englishOnly.assess(new PromptInput("t", "task", "фото кота", "")).await().indefinitely();
        assertThat(result.of("violence").assessed()).isFalse();
        assertThat(result.of("drugs")).isEqualTo(Assessment.of(0));
        assertThat(englishOnly.assess(new PromptInput("t", "task", "a cat", "")).await().indefinitely()
                .of("violence")).isEqualTo(Assessment.of(0));
    }

    @Test
    void topicWithoutTermsIsNeverAssessed() {
        assertThat(assess("a cat").of("no-terms").assessed()).isFalse();
    }
}
