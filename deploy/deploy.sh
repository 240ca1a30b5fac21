#!/usr/bin/env bash
# ./lpsa deploy [--stack NAME] [--region REGION] [Parameter=Value ...]
# Builds and tests nothing new: it packages the jar `mvn package` builds, checks the template, deploys the
# stack with SAM, gives the functions the site's address once the distribution exists, and uploads web/.
# Left by hand (README, Deploy): SES domain verification, the MX record, activating the receipt rule set.
set -euo pipefail
cd "$(dirname "$0")/.."

stack=lpsa-forms
region="${AWS_REGION:-${AWS_DEFAULT_REGION:-}}"
overrides=()
while [ $# -gt 0 ]; do
  case "$1" in
    --stack) stack="$2"; shift 2 ;;
    --region) region="$2"; shift 2 ;;
    *=*) overrides+=("$1"); shift ;;
    *) echo "usage: ./lpsa deploy [--stack NAME] [--region REGION] [Parameter=Value ...]" >&2; exit 2 ;;
  esac
done
[ -n "$region" ] || { echo "Say the region: --region eu-west-1 (or set AWS_REGION)." >&2; exit 2; }
for tool in sam aws openssl mvn; do
  command -v "$tool" >/dev/null || { echo "$tool is needed (README, Deploy: prerequisites)." >&2; exit 1; }
done
has() { printf '%s\n' "${overrides[@]:-}" | grep -q "^$1="; }
value() { printf '%s\n' "${overrides[@]:-}" | sed -n "s/^$1=//p" | tail -1; }
ssm_get() { aws ssm get-parameter --region "$region" --name "$1" --with-decryption --query Parameter.Value --output text 2>/dev/null || true; }
output() {
  aws cloudformation describe-stacks --region "$region" --stack-name "$stack" \
    --query "Stacks[0].Outputs[?OutputKey=='$1'].OutputValue" --output text
}

echo "1/6 Building the package (mvn package)..."
mvn -B -q -DskipTests package
if command -v cfn-lint >/dev/null; then
  echo "2/6 Checking template.yaml (cfn-lint)..."
  cfn-lint --regions "$region" template.yaml
fi

echo "3/6 Secrets in SSM (made once, kept across deploys)..."
token_parameter="$(value TokenSecretParameter)"; token_parameter="${token_parameter:-/lpsa-forms/token-secret}"
if [ -z "$(ssm_get "$token_parameter")" ]; then
  aws ssm put-parameter --region "$region" --name "$token_parameter" --type SecureString --value "$(openssl rand -base64 48)" >/dev/null
fi
origin_parameter="/lpsa-forms/$stack/origin-secret"
origin="$(ssm_get "$origin_parameter")"
if [ -z "$origin" ]; then
  origin="$(openssl rand -hex 32)"
  aws ssm put-parameter --region "$region" --name "$origin_parameter" --type SecureString --value "$origin" >/dev/null
fi

deploy() {
  sam deploy --template-file template.yaml --stack-name "$stack" --region "$region" --resolve-s3 \
    --capabilities CAPABILITY_IAM --no-fail-on-empty-changeset --no-confirm-changeset \
    --parameter-overrides "OriginSecret=$origin" "$@"
}
echo "4/6 Deploying $stack in $region (sam deploy; SnapStart versions take a few minutes)..."
deploy "${overrides[@]}"

# The functions cannot name the distribution (a cycle): its address reaches them as SiteUrl afterwards.
if ! has SiteUrl; then
  domain="$(value DomainName)"
  [ -n "$domain" ] || domain="$(output SiteDomain)"
  echo "5/6 Giving the functions the site's address (SiteUrl=https://$domain)..."
  deploy "${overrides[@]}" "SiteUrl=https://$domain"
fi

bucket="$(output SiteBucketName)"
echo "6/6 Uploading web/ to $bucket..."
aws s3 sync web/ "s3://$bucket/" --region "$region" --delete --cache-control "max-age=300"

cat <<DONE
Deployed. The site: https://$( [ -n "$(value DomainName)" ] && value DomainName || output SiteDomain )/
By hand, once (README, Deploy): verify the mail domain in SES, point its MX record at
inbound-smtp.$region.amazonaws.com, and make the stack's rule set active:
  aws ses set-active-receipt-rule-set --region $region --rule-set-name $(output ReceiptRuleSetName)
DONE
