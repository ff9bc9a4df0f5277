import { type Kysely, sql } from 'kysely';

/** The law's items as they were when this ran, written out: a backfill must not follow later code. */
const ITEMS: Array<[key: string, slug: string, name: string]> = [
  ['socio_economic_plan', 'ke-hoach-kinh-te-xa-hoi', 'Kế hoạch phát triển kinh tế – xã hội'],
  ['budget', 'du-toan-quyet-toan-ngan-sach', 'Dự toán, quyết toán ngân sách'],
  ['land_use', 'quy-hoach-ke-hoach-su-dung-dat', 'Quy hoạch, kế hoạch sử dụng đất'],
  ['resettlement', 'boi-thuong-ho-tro-tai-dinh-cu', 'Bồi thường, hỗ trợ, tái định cư'],
  ['investment', 'du-an-dau-tu', 'Chương trình, dự án đầu tư'],
  ['contributions', 'dong-gop-cua-nhan-dan', 'Các khoản đóng góp của Nhân dân, quỹ'],
  ['fees', 'phi-le-phi', 'Phí, lệ phí và nghĩa vụ tài chính'],
  ['social_support', 'chinh-sach-an-sinh-xa-hoi', 'Chính sách an sinh xã hội, hộ nghèo'],
  ['inspection', 'ket-luan-thanh-tra-kiem-tra', 'Kết luận thanh tra, kiểm tra'],
  ['complaints', 'giai-quyet-khieu-nai-to-cao', 'Kết quả giải quyết khiếu nại, tố cáo'],
  ['procedures', 'thu-tuc-hanh-chinh', 'Thủ tục hành chính'],
  ['opinions', 'tiep-thu-y-kien-nhan-dan', 'Kết quả tiếp thu ý kiến của Nhân dân'],
];

/** Gives every existing site the law's disclosure items; sites created later get them from createSite. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const now = new Date().toISOString();
  const sites = (await sql<{ id: number }>`select id from sites order by id`.execute(db)).rows;
  for (const site of sites) {
    for (const [position, [key, slug, name]] of ITEMS.entries()) {
      await sql`insert into disclosure_items (site_id, builtin_key, slug, name, position, hidden, created_at, updated_at)
        values (${site.id}, ${key}, ${slug}, ${name}, ${position}, 0, ${now}, ${now})`.execute(db);
    }
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`delete from disclosure_items where builtin_key <> ''`.execute(db);
}
