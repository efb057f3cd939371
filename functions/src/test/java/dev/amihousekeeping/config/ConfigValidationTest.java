package dev.amihousekeeping.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Every bad policy is refused with one exact line naming the key; every good edge case is accepted. */
class ConfigValidationTest {

    /** Policies are written with ' for " so that the table stays readable; each row is {@code policy | message}. */
    private static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    /** The bad policies that a table row cannot hold (a generated value, a newline, an empty document). */
    static Stream<Arguments> badPoliciesInCode() {
        return Stream.of(
                Arguments.of("{'expiry': {'expiryTagKeys': ['" + "K".repeat(129) + "']}}",
                        "expiry.expiryTagKeys[0]: tag key must be at most 128 characters, got 129"),
                Arguments.of("{'crossRegionCopy': {'selector': {'tags': {'team.name': '" + "v".repeat(257) + "'}}}}",
                        "crossRegionCopy.selector.tags[\"team.name\"]: tag value must be at most 256 characters, got 257"),
                Arguments.of("", "policy file is empty"),
                Arguments.of("{'accounts': {'organization': true, 'roleName': '" + "r".repeat(65) + "'}}",
                        "accounts.roleName: must be an IAM role name (1-64 of letters, digits and +=,.@_-), got \""
                                + "r".repeat(65) + "\""),
                Arguments.of("{\n  'dryRun': true,\n  'x' 1}", "policy file is not valid JSON at line 3, column 7: "
                        + "Unexpected character ('1'): was expecting a colon to separate field name and value"));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            # JSON types: nothing is coerced
            {'dryRun': 'false'} | dryRun: expected a boolean, got string "false"
            {'dryRun': 0} | dryRun: expected a boolean, got number 0
            {'maxActionsPerRun': 2.5} | maxActionsPerRun: expected a whole number, got number 2.5
            {'maxActionsPerRun': 2.0} | maxActionsPerRun: expected a whole number, got number 2.0
            {'maxActionsPerRun': '5'} | maxActionsPerRun: expected a whole number, got string "5"
            {'maxActionsPerRun': 10000000000} | maxActionsPerRun: number 10000000000 is out of range (at most 2147483647)
            {'regions': 'us-east-1'} | regions: expected an array, got string "us-east-1"
            {'regions': [null]} | regions[0]: must not be null
            {'expiry': []} | expiry: expected an object, got array
            {'expiry': {'minAgeDays': ''}} | expiry.minAgeDays: expected a whole number, got string ""
            {'expiry': {'selector': {'tags': {'Team': 7}}}} | expiry.selector.tags.Team: expected a string, got number 7
            {'tagOnCreate': {'creatorTagKey': true}} | tagOnCreate.creatorTagKey: expected a string, got boolean true
            {'publicShare': {'allowedAccountIds': [111122223333]}} | publicShare.allowedAccountIds[0]: expected a string, got number 111122223333
            # unknown and duplicate keys
            {'expiry': {'maxAgedays': 3}} | expiry.maxAgedays: unknown key (did you mean maxAgeDays?)
            {'Dryrun': true} | Dryrun: unknown key (did you mean dryRun?)
            {'orphanSnapshots': {'exempt': []}} | orphanSnapshots.exempt: unknown key (did you mean exemptTagKeys?)
            {'housekeeping': {}} | housekeeping: unknown key (expected one of: regions, dryRun, maxActionsPerRun, expiry, recycleBin, orphanSnapshots, publicShare, crossRegionCopy, tagOnCreate, accounts, latestParameters)
            {'dryRun': true, 'dryRun': false} | dryRun: duplicate key
            {'expiry': {'graceDays': 1, 'graceDays': 2}} | expiry.graceDays: duplicate key
            # stages and the Recycle Bin
            {'expiry': {'noticeDays': 0}} | expiry.noticeDays: must be >= 1 when set (null for no notice), got 0
            {'expiry': {'noticeTagKey': ''}} | expiry.noticeTagKey: tag key must not be empty
            {'expiry': {'noticeTagKey': 'aws:notice'}} | expiry.noticeTagKey: tag key must not start with "aws:", AWS reserves that prefix, got "aws:notice"
            {'expiry': {'disableFirst': 'yes'}} | expiry.disableFirst: expected a boolean, got string "yes"
            {'recycleBin': {'retentionDays': 0}} | recycleBin.retentionDays: must be between 1 and 365, got 0
            {'recycleBin': {'retentionDays': 366}} | recycleBin.retentionDays: must be between 1 and 365, got 366
            {'recycleBin': {'tagKey': ' '}} | recycleBin.tagKey: tag key must not be empty
            {'recycleBin': {'tagKey': 'AWS:recycle'}} | recycleBin.tagKey: tag key must not start with "aws:", AWS reserves that prefix, got "AWS:recycle"
            {'recycleBin': {'enable': true}} | recycleBin.enable: unknown key (did you mean enabled?)
            # enums
            {'orphanSnapshots': {'scope': 'all'}} | orphanSnapshots.scope: must be one of ami-created, unreferenced, got "all"
            {'publicShare': {'mode': 'Remediate'}} | publicShare.mode: must be one of remediate, alert, got "Remediate"
            {'publicShare': {'mode': 1}} | publicShare.mode: must be one of remediate, alert, got number 1
            # numbers
            {'maxActionsPerRun': 0} | maxActionsPerRun: must be >= 1, got 0
            {'expiry': {'maxAgeDays': -3}} | expiry.maxAgeDays: must be >= 0, got -3
            {'expiry': {'keepLatest': 0}} | expiry.keepLatest: must be >= 1 when set (null for no limit), got 0
            {'expiry': {'minAgeDays': -1}} | expiry.minAgeDays: must be >= 0, got -1
            {'expiry': {'unusedDays': -30}} | expiry.unusedDays: must be >= 0, got -30
            {'expiry': {'graceDays': -7}} | expiry.graceDays: must be >= 0, got -7
            {'orphanSnapshots': {'minAgeDays': -1}} | orphanSnapshots.minAgeDays: must be >= 0, got -1
            {'tagOnCreate': {'defaultRetentionDays': 0}} | tagOnCreate.defaultRetentionDays: must be >= 1 when set (null for no DeleteOn tag), got 0
            # regions
            {'regions': ['us-east-1', 'us-east-9']} | regions[1]: unknown region "us-east-9"
            {'regions': ['US-EAST-1']} | regions[0]: unknown region "US-EAST-1" (did you mean us-east-1?)
            {'regions': ['aws-global']} | regions[0]: unknown region "aws-global"
            {'regions': ['']} | regions[0]: must not be empty
            {'regions': ['eu-west-1', 'eu-west-1']} | regions[1]: duplicate region "eu-west-1", already at regions[0]
            {'regions': ['us-east-1'], 'crossRegionCopy': {'destinationRegions': ['cn-north-1']}} | crossRegionCopy.destinationRegions[0]: region "cn-north-1" is in partition aws-cn but regions[0] "us-east-1" is in aws; one policy covers one partition
            # tag keys, selectors
            {'expiry': {'lineageTagKey': ''}} | expiry.lineageTagKey: tag key must not be empty
            {'expiry': {'exemptTagKeys': ['Retain', 'Retain']}} | expiry.exemptTagKeys[1]: duplicate tag key "Retain", already at expiry.exemptTagKeys[0]
            {'orphanSnapshots': {'exemptTagKeys': [' ']}} | orphanSnapshots.exemptTagKeys[0]: tag key must not be empty
            {'expiry': {'selector': {'namePattern': ''}}} | expiry.selector.namePattern: must not be empty (null matches every name)
            {'expiry': {'selector': {'tags': {'': 'x'}}}} | expiry.selector.tags[""]: tag key must not be empty
            {'tagOnCreate': {'creatorTagKey': 'aws:createdBy'}} | tagOnCreate.creatorTagKey: tag key must not start with "aws:", AWS reserves that prefix, got "aws:createdBy"
            # AWS ids
            {'publicShare': {'allowedAccountIds': ['1234']}} | publicShare.allowedAccountIds[0]: must be a 12-digit AWS account id, got "1234"
            {'publicShare': {'allowedAccountIds': ['444455556666', '444455556666']}} | publicShare.allowedAccountIds[1]: duplicate value "444455556666", already at publicShare.allowedAccountIds[0]
            {'publicShare': {'allowedOrganizationArns': ['o-a1b2c3d4e5']}} | publicShare.allowedOrganizationArns[0]: must be an organization ARN (arn:aws:organizations::<account>:organization/o-<id>), got "o-a1b2c3d4e5"
            {'publicShare': {'allowedOrganizationalUnitArns': ['arn:aws:organizations::111122223333:organization/o-a1b2c3d4e5']}} | publicShare.allowedOrganizationalUnitArns[0]: must be an organizational unit ARN (arn:aws:organizations::<account>:ou/o-<id>/ou-<id>), got "arn:aws:organizations::111122223333:organization/o-a1b2c3d4e5"
            {'publicShare': {'allowedPublicImageIds': ['ami-123']}} | publicShare.allowedPublicImageIds[0]: must be an AMI id (ami- and 8 or 17 hex digits), got "ami-123"
            {'publicShare': {'allowedPublicImageIds': ['']}} | publicShare.allowedPublicImageIds[0]: must not be empty
            # accounts
            {'accounts': {'ids': ['222233334444', '12345']}} | accounts.ids[1]: must be a 12-digit AWS account id, got "12345"
            {'accounts': {'ids': ['2222333344445']}} | accounts.ids[0]: must be a 12-digit AWS account id, got "2222333344445"
            {'accounts': {'organization': true, 'ids': ['222233334444']}} | accounts.ids: must not be set together with accounts.organization true (one of the two)
            {'accounts': {}} | accounts: must set organization true or name ids (null covers the own account only)
            {'accounts': {'organization': false}} | accounts: must set organization true or name ids (null covers the own account only)
            {'accounts': {'organization': true, 'exclude': ['x22233334444']}} | accounts.exclude[0]: must be a 12-digit AWS account id, got "x22233334444"
            {'accounts': {'organization': true, 'roleName': 'role/Member'}} | accounts.roleName: must be an IAM role name (1-64 of letters, digits and +=,.@_-), got "role/Member"
            {'accounts': {'organization': true, 'roleName': ''}} | accounts.roleName: must not be empty
            {'accounts': {'organization': 'true'}} | accounts.organization: expected a boolean, got string "true"
            {'accounts': {'organisation': true}} | accounts.organisation: unknown key (did you mean organization?)
            # cross-region copy
            {'crossRegionCopy': {'enabled': true}} | crossRegionCopy.destinationRegions: must name at least one region when crossRegionCopy.enabled is true
            {'crossRegionCopy': {'destinationRegions': ['us-west-2'], 'kmsKeyIds': {'eu-west-3': 'alias/dr'}}} | crossRegionCopy.kmsKeyIds.eu-west-3: key for a region not in destinationRegions
            {'crossRegionCopy': {'destinationRegions': ['us-west-2', 'us-west-2']}} | crossRegionCopy.destinationRegions[1]: duplicate region "us-west-2", already at crossRegionCopy.destinationRegions[0]
            {'crossRegionCopy': {'destinationRegions': ['us-west-2'], 'kmsKeyIds': {'us-west-2': 'my-key'}}} | crossRegionCopy.kmsKeyIds.us-west-2: must be a KMS key id, alias/<name>, or a key or alias ARN, got "my-key"
            {'crossRegionCopy': {'destinationRegions': ['us-west-2'], 'kmsKeyIds': {'us-west-2': ''}}} | crossRegionCopy.kmsKeyIds.us-west-2: must not be empty
            {'crossRegionCopy': {'destinationRegions': ['us-west-2'], 'kmsKeyIds': {'us-west-2': 'arn:aws:kms:eu-west-1:111122223333:alias/ami-dr'}}} | crossRegionCopy.kmsKeyIds.us-west-2: key ARN is in region eu-west-1, a copy to us-west-2 needs a key in us-west-2
            # latest-AMI parameters
            {'latestParameters': {'prefix': 'ami/latest/'}} | latestParameters.prefix: must start and end with "/", got "ami/latest/"
            {'latestParameters': {'prefix': '/ami/latest'}} | latestParameters.prefix: must start and end with "/", got "/ami/latest"
            {'latestParameters': {'prefix': ''}} | latestParameters.prefix: must not be empty
            {'latestParameters': {'prefix': '/ami latest/'}} | latestParameters.prefix: each level between slashes must be non-empty and use only a-z, A-Z, 0-9, _, . and -, got "/ami latest/"
            {'latestParameters': {'prefix': '/ami//latest/'}} | latestParameters.prefix: each level between slashes must be non-empty and use only a-z, A-Z, 0-9, _, . and -, got "/ami//latest/"
            {'latestParameters': {'prefix': '/AWS/latest/'}} | latestParameters.prefix: must not begin with /aws or /ssm (any case), SSM reserves them, got "/AWS/latest/"
            {'latestParameters': {'prefix': '/ssmami/'}} | latestParameters.prefix: must not begin with /aws or /ssm (any case), SSM reserves them, got "/ssmami/"
            {'latestParameters': {'prefix': '/1/2/3/4/5/6/7/8/9/10/11/12/13/14/15/'}} | latestParameters.prefix: must have at most 14 levels (SSM allows 15 with the lineage), got 15
            {'latestParameters': {'selector': {'namePattern': ''}}} | latestParameters.selector.namePattern: must not be empty (null matches every name)
            {'latestParameters': {'enabled': 'yes'}} | latestParameters.enabled: expected a boolean, got string "yes"
            # the document itself
            [] | policy must be a JSON object, got array
            {'dryRun': false,} | policy file is not valid JSON at line 1, column 18: Unexpected character ('}'): was expecting double-quote to start field name
            {'dryRun': false | policy file is not valid JSON at line 1, column 17: Unexpected end-of-input: expected close marker for Object (opened at line 1, column 1)
            {} {} | policy file is not valid JSON at line 1, column 4: more content after the end of the policy object
            """)
    @MethodSource("badPoliciesInCode")
    void rejects_withOneLineNamingTheKey(String policy, String expectedMessage) {
        ConfigException error = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.parse(json(policy)));

        assertThat(error).as("policy %s", policy).isNotNull();
        assertThat(error.getMessage()).isEqualTo(expectedMessage).doesNotContain("\n");
    }

    static Stream<String> goodEdgeCases() {
        return Stream.of(
                "{}",
                "{'regions': [], 'expiry': null, 'dryRun': null}",
                "// a comment\n{ /* and another */ 'dryRun': true }",
                "{'maxActionsPerRun': 1, 'expiry': {'maxAgeDays': 0, 'minAgeDays': 0, 'graceDays': 0, 'unusedDays': 0, 'keepLatest': 1}}",
                // mutual disaster recovery: each region is the other's destination
                "{'regions': ['us-east-1', 'us-west-2'], 'crossRegionCopy': {'enabled': true, 'destinationRegions': ['us-west-2', 'us-east-1']}}",
                "{'regions': ['us-gov-west-1'], 'crossRegionCopy': {'enabled': true, 'destinationRegions': ['us-gov-east-1']}}",
                "{'regions': ['cn-north-1', 'cn-northwest-1']}",
                "{'regions': ['ap-southeast-7', 'mx-central-1', 'ap-east-2', 'ca-west-1', 'il-central-1']}",
                "{'crossRegionCopy': {'enabled': true, 'destinationRegions': ['us-west-2', 'eu-west-1', 'ap-south-1', 'sa-east-1'],"
                        + " 'kmsKeyIds': {'us-west-2': '1234abcd-12ab-34cd-56ef-1234567890ab',"
                        + " 'eu-west-1': 'mrk-1234abcd12ab34cd56ef1234567890ab',"
                        + " 'ap-south-1': 'arn:aws:kms:ap-south-1:111122223333:alias/ami-dr',"
                        + " 'sa-east-1': 'arn:aws:kms:sa-east-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab'}}}",
                "{'crossRegionCopy': {'selector': {}}}",
                "{'expiry': {'selector': {'tags': {'Environment': '', 'aws:cloudformation:stack-name': 'images'}, 'namePattern': 'web-*'}}}",
                "{'expiry': {'expiryTagKeys': [], 'exemptTagKeys': []}}",
                "{'publicShare': {'allowedPublicImageIds': ['ami-12345678', 'ami-0123456789abcdef0'],"
                        + " 'allowedOrganizationArns': ['arn:aws-us-gov:organizations::111122223333:organization/o-a1b2c3d4e5']}}",
                "{'orphanSnapshots': {'scope': 'unreferenced'}, 'publicShare': {'mode': 'alert'}}",
                "{'accounts': null}",
                "{'accounts': {'organization': true, 'exclude': ['222233334444'], 'roleName': 'Ami+Housekeeper=,.@_-1'}}",
                "{'accounts': {'ids': ['222233334444', '333344445555'], 'checkConsumers': false}}",
                "{'accounts': {'organization': true, 'roleName': '" + "r".repeat(64) + "'}}",
                "{'latestParameters': {'enabled': true, 'prefix': '/', 'selector': {'tags': {'Latest': 'yes'}}}}",
                "{'latestParameters': {'prefix': '/1/2/3/4/5/6/7/8/9/10/11/12/13/14/'}}",
                "{'latestParameters': {'prefix': '/Team_A/golden.images-v2/'}}");
    }

    @ParameterizedTest
    @MethodSource("goodEdgeCases")
    void accepts_edgeCasesThatAreValid(String policy) {
        assertThatCode(() -> ConfigLoader.parse(json(policy))).doesNotThrowAnyException();
    }
}
