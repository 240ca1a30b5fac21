"""The template as CloudFormation sees it after `sam deploy`: the SAM transform (aws-sam-translator), the
package's CodeUri in S3. Prints JSON. Used by the template tests and by ./lpsa deploy's checks.
    python3 deploy/transform.py template.yaml > transformed.json"""
import json
import os
import sys

from samtranslator.translator.transform import transform
from samtranslator.yaml_helper import yaml_parse


class NoManagedPolicies:
    """The translator asks IAM for managed policy names; the template names none by name, only by ARN."""

    def load(self):
        return {}


def main(path):
    os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
    with open(path, encoding="utf-8") as f:
        template = yaml_parse(f.read())
    # as `sam deploy` hands it over: the package uploaded to the deployment bucket
    template.setdefault("Globals", {}).setdefault("Function", {})["CodeUri"] = "s3://deployment-bucket/function.jar"
    json.dump(transform(template, {}, NoManagedPolicies()), sys.stdout, indent=1, default=str)


if __name__ == "__main__":
    main(sys.argv[1])
