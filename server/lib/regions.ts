/** AWS region codes as they appear in credential scopes and ARNs, e.g. `us-east-1`, `ap-southeast-2`. */
export const REGION_CODE = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
