#!/usr/bin/env python3
"""The minimal sequential boto3 baseline of expiry's dry run (issue 18 item 5).

Makes, one call after another, the reads expiry's plan makes for each region: the owned AMIs and snapshots
(DescribeImages Owners=self and DescribeSnapshots OwnerIds=self, paginated at 1,000), DescribeImageReferences for the
candidates (10 ids a call, the resource types the project asks for), every launch template's $Default version (one
paged DescribeLaunchTemplateVersions), the launch configurations (Auto Scaling), then one DescribeImageAttribute
launchPermission per candidate nothing uses. Which AMIs are candidates is the policy's decision, not this script's:
--ids names them, per region ({"us-east-1": {"candidates": [...], "grants": [...]}}); `ami-housekeeping bench
--baseline-script` writes that file from the Java dry run it just made.

Prints one JSON line: {"wallMillis": N, "calls": N, "callsByAction": {...}, "python": "...", "boto3": "..."}.
"""
import argparse
import json
import sys
import time


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--endpoint", required=True, help="the EC2 endpoint (the sandbox's URL)")
    parser.add_argument("--ids", required=True, help="JSON file: per region the candidates and the grants to read")
    args = parser.parse_args()
    started = time.perf_counter()
    import boto3
    import botocore
    from botocore.config import Config

    with open(args.ids, encoding="utf-8") as f:
        regions = json.load(f)
    calls = {}

    def count(event_name=None, **_):
        action = event_name.split(".")[-1]
        calls[action] = calls.get(action, 0) + 1

    session = boto3.session.Session(aws_access_key_id="bench", aws_secret_access_key="bench")
    config = Config(retries={"mode": "standard"})
    for region, ids in regions.items():
        ec2 = session.client("ec2", region_name=region, endpoint_url=args.endpoint, config=config)
        autoscaling = session.client("autoscaling", region_name=region, endpoint_url=args.endpoint, config=config)
        for client in (ec2, autoscaling):
            client.meta.events.register("before-call.*.*", count)
        images = [i for page in ec2.get_paginator("describe_images").paginate(
            Owners=["self"], IncludeDisabled=True, IncludeDeprecated=True, MaxResults=1000) for i in page["Images"]]
        snapshots = [s for page in ec2.get_paginator("describe_snapshots").paginate(
            OwnerIds=["self"], MaxResults=1000) for s in page["Snapshots"]]
        candidates = ids.get("candidates", [])
        references = []
        types = [
            {"ResourceType": "ec2:Instance", "ResourceTypeOptions": [{"OptionName": "state-name", "OptionValues": [
                "pending", "running", "shutting-down", "stopping", "stopped"]}]},
            {"ResourceType": "ec2:LaunchTemplate",
             "ResourceTypeOptions": [{"OptionName": "version-depth", "OptionValues": ["10"]}]},
            {"ResourceType": "ssm:Parameter"},
            {"ResourceType": "imagebuilder:ImageRecipe"},
            {"ResourceType": "imagebuilder:ContainerRecipe"},
        ]
        for start in range(0, len(candidates), 10):
            for page in ec2.get_paginator("describe_image_references").paginate(
                    ImageIds=candidates[start:start + 10], ResourceTypes=types):
                references.extend(page.get("ImageReferences", []))
        if candidates:
            for page in ec2.get_paginator("describe_launch_template_versions").paginate(
                    Versions=["$Default"], ResolveAlias=True, MaxResults=200):
                references.extend(page.get("LaunchTemplateVersions", []))
            for page in autoscaling.get_paginator("describe_launch_configurations").paginate(MaxRecords=100):
                references.extend(page.get("LaunchConfigurations", []))
        grants = {}
        for image_id in ids.get("grants", []):
            grants[image_id] = ec2.describe_image_attribute(
                ImageId=image_id, Attribute="launchPermission").get("LaunchPermissions", [])
        if len(images) + len(snapshots) + len(references) + len(grants) < 0:
            sys.exit(1)  # never: the results are read, as a real script would
    wall = (time.perf_counter() - started) * 1000
    print(json.dumps({"wallMillis": round(wall), "calls": sum(calls.values()), "callsByAction": calls,
                      "python": sys.version.split()[0], "boto3": boto3.__version__,
                      "botocore": botocore.__version__}))


if __name__ == "__main__":
    main()
