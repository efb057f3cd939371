package dev.amihousekeeping.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.GetParametersResponse;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterMetadata;
import software.amazon.awssdk.services.ssm.model.ParameterStringFilter;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import software.amazon.awssdk.services.ssm.model.ResourceTypeForTagging;
import software.amazon.awssdk.services.ssm.model.Tag;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static dev.amihousekeeping.sandbox.SandboxClients.errorOf;
import static dev.amihousekeeping.sandbox.TestSeeds.image;
import static dev.amihousekeeping.sandbox.TestSeeds.imageId;
import static org.assertj.core.api.Assertions.assertThat;

class SsmParametersTest {

    private Sandbox sandbox;
    private SsmClient ssm;

    @BeforeEach
    void start() {
        Seed seed = TestSeeds.seed("us-east-1", List.of(image(1, "web-1"), image(2, "web-2")));
        SeedRegion region = seed.regions().get("us-east-1");
        seed = seed.withRegion("us-east-1", new SeedRegion(region.images(), region.snapshots(), null, null,
                List.of(new SeedSsmParameter("/ami/web/latest", imageId(1)),
                        new SeedSsmParameter("/ami/web/note", "not an image"),
                        new SeedSsmParameter("/ami/api/latest", imageId(2), null, null, null, null,
                                Map.of("team", "api"))), null, null, null));
        sandbox = Sandbox.start(0, seed);
        ssm = ssm(sandbox, "us-east-1");
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    static SsmClient ssm(Sandbox sandbox, String region) {
        return SsmClient.builder()
                .endpointOverride(sandbox.endpoint())
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    @Test
    void putImageParameter_isReadBackWithItsDataTypeAndVersion_andShowsInTheState() {
        long version = ssm.putParameter(r -> r.name("/ami/batch/latest").value(imageId(2))
                .type(ParameterType.STRING).dataType("aws:ec2:image")).version();

        Parameter parameter = ssm.getParameter(r -> r.name("/ami/batch/latest")).parameter();

        assertThat(version).isEqualTo(1);
        assertThat(parameter.value()).isEqualTo(imageId(2));
        assertThat(parameter.dataType()).isEqualTo("aws:ec2:image");
        assertThat(parameter.type()).isEqualTo(ParameterType.STRING);
        assertThat(parameter.arn()).isEqualTo("arn:aws:ssm:us-east-1:111122223333:parameter/ami/batch/latest");
        assertThat(parameter.lastModifiedDate()).isEqualTo(TestSeeds.NOW);
        assertThat(sandbox.state().regions().get("us-east-1").ssmParameters())
                .contains(new SeedSsmParameter("/ami/batch/latest", imageId(2), "String", "aws:ec2:image", 1L,
                        TestSeeds.NOW, null));
    }

    @Test
    void putImageParameter_isRefused_whenTheAmiIsNotInThatRegion() {
        String missing = errorOf(() -> ssm(sandbox, "eu-west-1").putParameter(r -> r.name("/ami/web/latest")
                .value(imageId(1)).type(ParameterType.STRING).dataType("aws:ec2:image")), "ValidationException", 400);
        String malformed = errorOf(() -> ssm.putParameter(r -> r.name("/ami/x").value("web-1")
                .type(ParameterType.STRING).dataType("aws:ec2:image")), "ValidationException", 400);

        assertThat(missing).contains(imageId(1)).contains("eu-west-1");
        assertThat(malformed).contains("ami-12345abc");
        assertThat(sandbox.state().regions()).doesNotContainKey("eu-west-1");
        assertThat(errorOf(() -> ssm.getParameter(r -> r.name("/ami/x")), "ParameterNotFound", 400))
                .contains("/ami/x");
    }

    @Test
    void putParameter_onAnExistingName_needsOverwrite_andCountsTheVersionUp() {
        errorOf(() -> ssm.putParameter(r -> r.name("/ami/web/latest").value(imageId(2))
                .type(ParameterType.STRING)), "ParameterAlreadyExists", 400);
        assertThat(ssm.getParameter(r -> r.name("/ami/web/latest")).parameter().value()).isEqualTo(imageId(1));

        long version = ssm.putParameter(r -> r.name("/ami/web/latest").value(imageId(2)).overwrite(true)
                .dataType("aws:ec2:image")).version();

        assertThat(version).isEqualTo(2);
        assertThat(ssm.getParameter(r -> r.name("/ami/web/latest")).parameter())
                .extracting(Parameter::value, Parameter::version).containsExactly(imageId(2), 2L);
        errorOf(() -> ssm.putParameter(r -> r.name("/ami/new").value("x")), "ValidationException", 400);
    }

    @Test
    void getParameters_namesTheOnesThatDoNotExist() {
        GetParametersResponse response = ssm.getParameters(r -> r.names("/ami/web/latest", "/nope", "/ami/web/note"));

        assertThat(response.parameters()).extracting(Parameter::name)
                .containsExactly("/ami/web/latest", "/ami/web/note");
        assertThat(response.invalidParameters()).containsExactly("/nope");
        errorOf(() -> ssm.getParameters(r -> r.names(List.of("/1", "/2", "/3", "/4", "/5", "/6", "/7", "/8", "/9",
                "/10", "/11"))), "ValidationException", 400);
    }

    @Test
    void getParametersByPath_readsOneLevelOrAllBelow_inPages() {
        ssm.putParameter(r -> r.name("/ami/web/old/v1").value("x").type(ParameterType.STRING));

        List<String> oneLevel = ssm.getParametersByPathPaginator(r -> r.path("/ami/web").maxResults(1))
                .stream().flatMap(p -> p.parameters().stream()).map(Parameter::name).toList();
        List<String> recursive = ssm.getParametersByPathPaginator(r -> r.path("/ami").recursive(true).maxResults(2))
                .stream().flatMap(p -> p.parameters().stream()).map(Parameter::name).toList();

        assertThat(oneLevel).containsExactly("/ami/web/latest", "/ami/web/note");
        assertThat(recursive).containsExactly("/ami/api/latest", "/ami/web/latest", "/ami/web/note",
                "/ami/web/old/v1");
        errorOf(() -> ssm.getParametersByPath(r -> r.path("/ami").maxResults(11)), "ValidationException", 400);
        errorOf(() -> ssm.getParametersByPath(r -> r.path("/ami").nextToken("garbage")), "InvalidNextToken", 400);
    }

    @Test
    void describeParameters_filtersByDataTypeAndName_inPages() {
        List<String> images = ssm.describeParametersPaginator(r -> r.maxResults(1).parameterFilters(
                        ParameterStringFilter.builder().key("DataType").option("Equals").values("aws:ec2:image").build()))
                .stream().flatMap(p -> p.parameters().stream()).map(ParameterMetadata::name).toList();
        List<String> web = ssm.describeParametersPaginator(r -> r.parameterFilters(
                        ParameterStringFilter.builder().key("Name").option("BeginsWith").values("/ami/web/").build()))
                .stream().flatMap(p -> p.parameters().stream()).map(ParameterMetadata::name).toList();
        List<String> tagged = ssm.describeParameters(r -> r.parameterFilters(
                        ParameterStringFilter.builder().key("tag:team").values("api").build()))
                .parameters().stream().map(ParameterMetadata::name).toList();

        assertThat(images).containsExactly("/ami/api/latest", "/ami/web/latest");
        assertThat(web).containsExactly("/ami/web/latest", "/ami/web/note");
        assertThat(tagged).containsExactly("/ami/api/latest");
        errorOf(() -> ssm.describeParameters(r -> r.parameterFilters(ParameterStringFilter.builder().key("Colour")
                .values("x").build())), "InvalidFilterKey", 400);
        errorOf(() -> ssm.describeParameters(r -> r.parameterFilters(ParameterStringFilter.builder().key("DataType")
                .option("BeginsWith").values("aws").build())), "InvalidFilterOption", 400);
        errorOf(() -> ssm.describeParameters(r -> r.maxResults(51)), "ValidationException", 400);
    }

    @Test
    void tagsAreAddedToAParameterAndListed() {
        ssm.addTagsToResource(r -> r.resourceType(ResourceTypeForTagging.PARAMETER).resourceId("/ami/web/latest")
                .tags(Tag.builder().key("team").value("web").build(), Tag.builder().key("tier").value("1").build()));
        ssm.removeTagsFromResource(r -> r.resourceType(ResourceTypeForTagging.PARAMETER)
                .resourceId("/ami/web/latest").tagKeys("tier"));

        assertThat(ssm.listTagsForResource(r -> r.resourceType(ResourceTypeForTagging.PARAMETER)
                .resourceId("/ami/web/latest")).tagList()).extracting(Tag::key, Tag::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("team", "web"));
        assertThat(sandbox.state().regions().get("us-east-1").ssmParameters())
                .filteredOn(p -> p.name().equals("/ami/web/latest")).singleElement()
                .extracting(SeedSsmParameter::tags).isEqualTo(Map.of("team", "web"));
        errorOf(() -> ssm.listTagsForResource(r -> r.resourceType(ResourceTypeForTagging.PARAMETER)
                .resourceId("/nope")), "InvalidResourceId", 400);
    }

    @Test
    void answersAnUnknownOperation_withSsmsJsonError() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(sandbox.endpoint())
                .header("X-Amz-Target", "AmazonSSM.DeleteEverything")
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("Authorization", SandboxClients.authorization("us-east-1", "ssm"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());

        JsonNode error = SeedJson.MAPPER.readTree(response.body());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-amz-json-1.1");
        assertThat(error.path("__type").asText()).isEqualTo("UnknownOperationException");
    }

    @Test
    void ssmCallsAreCounted_andTakeInjectedFaultsAsSsmErrors() throws Exception {
        URI faults = sandbox.endpoint().resolve("/_sandbox/faults");
        SandboxClients.http("POST", faults, "{\"action\":\"DescribeParameters\",\"error\":\"AccessDeniedException\","
                + "\"status\":400}", null);

        errorOf(() -> ssm.describeParameters(r -> r.maxResults(50)), "AccessDeniedException", 400);
        ssm.getParameter(r -> r.name("/ami/web/latest"));

        JsonNode calls = SeedJson.MAPPER.readTree(SandboxClients.http("GET",
                sandbox.endpoint().resolve("/_sandbox/calls"), null, null).body());
        assertThat(calls.at("/regions/us-east-1/DescribeParameters").asInt()).isEqualTo(1);
        assertThat(calls.at("/regions/us-east-1/GetParameter").asInt()).isEqualTo(1);
    }

    @Test
    void seedParametersNamingAmis_areImageParameters_asTheFunctionsReadThem() {
        // The functions' fallback: DescribeParameters filtered on DataType, then GetParameters by name.
        List<String> names = ssm.describeParametersPaginator(r -> r.maxResults(50).parameterFilters(
                        ParameterStringFilter.builder().key("DataType").option("Equals").values("aws:ec2:image").build()))
                .stream().flatMap(p -> p.parameters().stream()).map(ParameterMetadata::name).toList();

        assertThat(ssm.getParameters(r -> r.names(names)).parameters())
                .extracting(Parameter::name, Parameter::value, Parameter::dataType)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("/ami/api/latest", imageId(2), "aws:ec2:image"),
                        org.assertj.core.groups.Tuple.tuple("/ami/web/latest", imageId(1), "aws:ec2:image"));
        assertThat(ssm.getParameter(r -> r.name("/ami/web/note")).parameter().dataType()).isEqualTo("text");
    }
}
