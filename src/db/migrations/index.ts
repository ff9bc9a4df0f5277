import type { Migration } from 'kysely';
import * as m0001 from './0001_create_sites.ts';
import * as m0002 from './0002_create_categories.ts';
import * as m0003 from './0003_create_media.ts';
import * as m0004 from './0004_create_articles.ts';
import * as m0005 from './0005_create_users_and_sessions.ts';
import * as m0006 from './0006_add_site_require_totp.ts';
import * as m0007 from './0007_add_article_workflow.ts';
import * as m0008 from './0008_create_audit_log.ts';
import * as m0009 from './0009_add_media_library_fields.ts';
import * as m0010 from './0010_create_search_index.ts';
import * as m0011 from './0011_create_page_events.ts';
import * as m0012 from './0012_create_documents.ts';
import * as m0013 from './0013_create_questions.ts';
import * as m0014 from './0014_create_calendars.ts';
import * as m0015 from './0015_create_organisation_pages.ts';
import * as m0016 from './0016_create_item_reviews.ts';
import * as m0017 from './0017_add_question_answer_review.ts';
import * as m0018 from './0018_add_article_listing_indexes.ts';
import * as m0019 from './0019_scope_search_index.ts';
import * as m0020 from './0020_backfill_scoped_search_index.ts';
import * as m0021 from './0021_move_article_views.ts';
import * as m0022 from './0022_add_site_category_listing_index.ts';
import * as m0023 from './0023_create_invitations.ts';
import * as m0024 from './0024_add_second_factor_state.ts';
import * as m0035 from './0035_add_article_pending_edit.ts';
import * as m0036 from './0036_add_revision_content_changed.ts';
import * as m0040 from './0040_create_mail_queue.ts';
import * as m0045 from './0045_create_search_abbreviations.ts';
import * as m0050 from './0050_create_relief_campaigns.ts';
import * as m0051 from './0051_create_relief_ledger.ts';
import * as m0052 from './0052_create_relief_imports.ts';
import * as m0053 from './0053_add_relief_word_amount_index.ts';
import * as m0060 from './0060_add_category_visibility_and_redirects.ts';
import * as m0061 from './0061_add_article_feature_end_and_lead_image.ts';
import * as m0062 from './0062_backfill_article_lead_images.ts';
import * as m0063 from './0063_add_site_appearance_and_menu.ts';
import * as m0064 from './0064_backfill_site_menus.ts';
import * as m0070 from './0070_create_disclosure.ts';
import * as m0071 from './0071_backfill_disclosure_items.ts';
import * as m0075 from './0075_create_consultations.ts';
import * as m0076 from './0076_add_submission_form.ts';
import * as m0080 from './0080_create_redirects.ts';
import * as m0081 from './0081_create_former_units.ts';
import * as m0082 from './0082_create_import_runs.ts';
import * as m0083 from './0083_create_site_merges.ts';
import * as m0090 from './0090_add_province_portal_indexes.ts';
import * as m0095 from './0095_create_province_notices.ts';
import * as m0115 from './0115_create_province_notice_files.ts';
import * as m0130 from './0130_add_search_date_index.ts';
import * as m0131 from './0131_inline_search_vectors.ts';
import * as m0132 from './0132_index_word_starts.ts';
import * as m0133 from './0133_index_phrase_pairs.ts';
import * as m0134 from './0134_search_columns_in_row.ts';

/**
 * Every migration, in order. Never edit one that has landed: add a new one.
 * Schema changes and data backfills go in separate migrations.
 */
export const MIGRATIONS: Record<string, Migration> = {
  '0001_create_sites': m0001,
  '0002_create_categories': m0002,
  '0003_create_media': m0003,
  '0004_create_articles': m0004,
  '0005_create_users_and_sessions': m0005,
  '0006_add_site_require_totp': m0006,
  '0007_add_article_workflow': m0007,
  '0008_create_audit_log': m0008,
  '0009_add_media_library_fields': m0009,
  '0010_create_search_index': m0010,
  '0011_create_page_events': m0011,
  '0012_create_documents': m0012,
  '0013_create_questions': m0013,
  '0014_create_calendars': m0014,
  '0015_create_organisation_pages': m0015,
  '0016_create_item_reviews': m0016,
  '0017_add_question_answer_review': m0017,
  '0018_add_article_listing_indexes': m0018,
  '0019_scope_search_index': m0019,
  '0020_backfill_scoped_search_index': m0020,
  '0021_move_article_views': m0021,
  '0022_add_site_category_listing_index': m0022,
  '0023_create_invitations': m0023,
  '0024_add_second_factor_state': m0024,
  '0035_add_article_pending_edit': m0035,
  '0036_add_revision_content_changed': m0036,
  '0040_create_mail_queue': m0040,
  '0045_create_search_abbreviations': m0045,
  '0050_create_relief_campaigns': m0050,
  '0051_create_relief_ledger': m0051,
  '0052_create_relief_imports': m0052,
  '0053_add_relief_word_amount_index': m0053,
  '0060_add_category_visibility_and_redirects': m0060,
  '0061_add_article_feature_end_and_lead_image': m0061,
  '0062_backfill_article_lead_images': m0062,
  '0063_add_site_appearance_and_menu': m0063,
  '0064_backfill_site_menus': m0064,
  '0070_create_disclosure': m0070,
  '0071_backfill_disclosure_items': m0071,
  '0075_create_consultations': m0075,
  '0076_add_submission_form': m0076,
  '0080_create_redirects': m0080,
  '0081_create_former_units': m0081,
  '0082_create_import_runs': m0082,
  '0083_create_site_merges': m0083,
  '0090_add_province_portal_indexes': m0090,
  '0095_create_province_notices': m0095,
  '0115_create_province_notice_files': m0115,
  '0130_add_search_date_index': m0130,
  '0131_inline_search_vectors': m0131,
  '0132_index_word_starts': m0132,
  '0133_index_phrase_pairs': m0133,
  '0134_search_columns_in_row': m0134,
};
