/** Publish stage: built reports → static website in `output/site/`, switched in atomically. */
export { publishSite } from './publish-site.ts';
export { PublishError } from './publish-error.ts';
export { pageModelKey, readSiteState } from './site-state.ts';
export { currentEditionDir, siteLink } from './swap-site.ts';
export { normaliseBaseUrl, NOT_FOUND_FILE, pagePath, pdfPath, STATE_FILE, STATEMENT_PATH } from './site-paths.ts';
export { readPublishedBaseUrl } from '../io/site-state-file.ts';
export { buildIndexRows, foldName } from './build-index-rows.ts';
export { renderIndexPage, type IndexPageInput } from './render-index-page.ts';
export { renderMunicipalityPage, type MunicipalityPageInput } from './render-municipality-page.ts';
export { renderManifest, renderRobots, renderSitemap } from './render-site-files.ts';
export { compileSiteTemplates, loadSiteTemplateSources, type SiteTemplates } from './site-templates.ts';
export { formatDate, formatFileSize } from './format-file-info.ts';
export { escapeHtml } from './escape-html.ts';
export * from './types.ts';
