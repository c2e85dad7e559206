/** Moved to `core/terraform-text.ts` (one escaping path for every Terraform-side text); kept for imports. */
export { escapeTerraformTemplate, unescapeTerraformTemplate } from '../../core/terraform-text';
