import type { MediaRow, SiteRow } from '../db/schema.ts';
import type { MenuEntry } from '../services/site-shape/menu.ts';
import { accentOf } from '../services/site-shape/palette.ts';
import { paths } from '../paths.ts';
import { type ImageView, presentImage } from './presenters.ts';

/** A public menu item. */
export interface NavItem {
  name: string;
  url: string;
}

/** Where a menu entry leads. */
export function menuEntryUrl(entry: MenuEntry): string {
  return entry.kind === 'category' && entry.category ? paths.category(entry.category.slug) : entry.target;
}

/** The public main menu: every entry but those of hidden categories. */
export function presentMenu(entries: readonly MenuEntry[]): NavItem[] {
  return entries.filter((e) => !e.hidden).map((e) => ({ name: e.name, url: menuEntryUrl(e) }));
}

/** How the site looks: its accent (a palette key, for `html[data-accent]`), logo and banner. */
export interface LookView {
  accent: string;
  logo: ImageView | null;
  banner: ImageView | null;
}

/** The site's look, from its row and its image rows. */
export function presentLook(site: Pick<SiteRow, 'accent'>, images: { logo: MediaRow | null; banner: MediaRow | null }): LookView {
  return {
    accent: accentOf(site.accent).key,
    logo: images.logo ? presentImage(images.logo) : null,
    banner: images.banner ? presentImage(images.banner) : null,
  };
}
