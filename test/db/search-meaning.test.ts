import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SiteRow } from '../../src/db/schema.ts';
import { type SearchOutcome, search } from '../../src/services/search/search-service.ts';
import { DIALECTS, type TestDatabase, openTestDatabase } from '../support/databases.ts';
import { buildSite } from '../support/factories.ts';
import { type CorpusKey, buildSearchCorpus, titleOf } from '../support/search-corpus.ts';

/** A query, the item that must come first, and the distractors that must not outrank it. */
interface Case {
  q: string;
  first: CorpusKey;
  below?: CorpusKey[];
  /** The corrected query the results are shown for, when the query as typed found little. */
  corrected?: string;
  /** Items that must not be found at all. */
  lacks?: CorpusKey[];
}

const CASES: Case[] = [
  // 1. Abbreviations, both ways, ranked as if they matched directly.
  { q: 'mặt trận tổ quốc quà tết', first: 'mttqTet', below: ['matTranHop'] },
  { q: 'mat tran to quoc qua tet', first: 'mttqTet', below: ['matTranHop'] },
  { q: 'MTTQ vận động quỹ vì người nghèo', first: 'matTranQuy', below: ['mttqTet'] },
  { q: 'mttq van dong', first: 'matTranQuy' },
  { q: 'ủy ban nhân dân kế hoạch phòng cháy', first: 'ubndPccc' },
  { q: 'pccc mùa khô', first: 'ubndPccc' },
  { q: 'HĐND kỳ họp thứ 8', first: 'hdndKyHop' },
  { q: 'hoi dong nhan dan ky hop', first: 'hdndKyHop', below: ['hoiDongThiDua'] },
  { q: 'cựu chiến binh tổng kết', first: 'ccb', below: ['tongKetDoan'] },
  { q: 'CCB tong ket', first: 'ccb', below: ['tongKetDoan'] },
  { q: 'đoàn viên thanh niên ra quân', first: 'dvtn', below: ['doanThanhTra'] },
  { q: 'dvtn ra quan', first: 'dvtn' },
  { q: 'an toan giao thong truong trung hoc co so', first: 'atgtThcs' },
  { q: 'ATGT THCS', first: 'atgtThcs' },
  { q: 'tp sa đéc hội chợ', first: 'tpHoiCho', below: ['hoiChoViecLam'] },
  { q: 'thành phố sa đéc hội chợ hoa', first: 'tpHoiCho', below: ['hoiChoViecLam'] },
  { q: 'ban chấp hành đoàn phường', first: 'bchDoan' },
  { q: '"mặt trận tổ quốc"', first: 'matTranQuy', lacks: ['mttqTet'] },
  // 2. Typos a phone user makes: the corrected query is searched and said.
  { q: 'hien mau tinh nguyenn', first: 'hienMau', corrected: 'hien mau tinh nguyen' },
  { q: 'hien mau tinh nguen', first: 'hienMau', corrected: 'hien mau tinh nguyen' },
  { q: 'hieens maus tinhf nguyeenj', first: 'hienMau', corrected: 'hiến máu tình nguyện' },
  { q: 'nhaf tinhf thuongw', first: 'nhaTinhThuong', corrected: 'nhà tình thương' },
  { q: 'NHAF TINHF THUONGW', first: 'nhaTinhThuong', corrected: 'nhà tình thương' },
  { q: 'nha2 tinh2 thuong7', first: 'nhaTinhThuong', corrected: 'nhà tình thương' },
  { q: 'nha2 tinh2', first: 'nhaTinhThuong', below: ['nhaVanHoaKp2'], corrected: 'nhà tình' },
  { q: 'nhatinh thuong', first: 'nhaTinhThuong', corrected: 'nha tinh thuong' },
  { q: 'nha tinh thuogn', first: 'nhaTinhThuong', corrected: 'nha tinh thuong' },
  { q: 'tiem chungr', first: 'tiemChung', corrected: 'tiem chủng' },
  { q: 'tiemchung', first: 'tiemChung', corrected: 'tiem chung' },
  { q: 'sot xuat huyeets', first: 'sotXuatHuyet', corrected: 'sot xuat huyết' },
  { q: 'cong nghe soo', first: 'chuyenDoiSo', corrected: 'cong nghe sô' },
  { q: 'hieen mau', first: 'hienMau', corrected: 'hiên mau' },
  // 3. Document numbers and codes, ahead of anything that merely holds the number.
  { q: '125/QĐ-UBND', first: 'qd125', below: ['nguoi125'] },
  { q: '125 qd ubnd', first: 'qd125', below: ['nguoi125'] },
  { q: 'qđ 125', first: 'qd125', below: ['nguoi125'] },
  { q: 'qd 125', first: 'qd125', below: ['nguoi125'] },
  { q: 'quyết định số 125/QĐ-UBND', first: 'qd125', below: ['nguoi125'] },
  { q: 'NĐ 42/2022', first: 'nd42', below: ['ho42'] },
  { q: '42/2022/NĐ-CP', first: 'nd42', below: ['ho42'] },
  { q: 'nghị định 42/2022', first: 'nd42', below: ['ho42'] },
  { q: 'nd 42', first: 'nd42', below: ['ho42'] },
  { q: 'tb 15', first: 'tb15', below: ['thongBao15'] },
  { q: '15/TB-UBND', first: 'tb15', below: ['thongBao15'] },
  { q: '88/KH-UBND', first: 'kh88', below: ['keHoach88'] },
  { q: 'kh 88', first: 'kh88', below: ['keHoach88'] },
  // 4. Words together beat words scattered; a half-typed last word does not beat whole words.
  { q: 'ung ho mien bac', first: 'ungHo', below: ['huongUng'] },
  { q: 'ủng hộ miền bắc', first: 'ungHo', below: ['huongUng'] },
  { q: 'nha van hoa', first: 'nhaVanHoa', below: ['nhaVanHoang'] },
  { q: 'hoi nghi tong ket', first: 'hoiNghiTongKet', below: ['hoiThiNghiThuc'] },
  { q: 've sinh moi truong', first: 'veSinhMoiTruong', below: ['baoVeMoiTruong'] },
  { q: 'bao ve moi truong', first: 'baoVeMoiTruong', below: ['veSinhMoiTruong'] },
  // 5. Amounts and dates as people write them.
  { q: '438 triệu', first: 'amount438', below: ['ho438'] },
  { q: '438 trieu dong', first: 'amount438', below: ['ho438'] },
  { q: '1,5 tỷ', first: 'amount15ty', below: ['thuNganSach'] },
  { q: '1.500.000.000', first: 'amount15ty' },
  { q: '1 tỷ 500 triệu', first: 'amount15ty', below: ['thuNganSach'] },
  { q: '2.500.000.000 đồng', first: 'matTranQuy' },
  { q: '320.000.000đ', first: 'ungHo' },
  { q: '13/01/2020', first: 'dated20200113', below: ['toDanPho2020'] },
  { q: '13-1-2020', first: 'dated20200113', below: ['toDanPho2020'] },
  { q: 'tháng 1 năm 2020', first: 'dated20200113', below: ['toDanPho2020'] },
  { q: 'ngày 13/1/2020', first: 'dated20200113', below: ['toDanPho2020'] },
  { q: '20/1/2025', first: 'mttqTet' },
  { q: '5/3/2024', first: 'qd125' },
  // 6. What held before still holds: upper case, NFD input, exact diacritics first.
  { q: 'NHÀ TÌNH THƯƠNG', first: 'nhaTinhThuong' },
  { q: 'hiến máu'.normalize('NFD'), first: 'hienMau' },
  { q: 'nhà văn hóa', first: 'nhaVanHoa', below: ['nhaKhoa', 'nhaVanHoang'] },
  { q: 'nha khoa', first: 'nhaKhoa' },
];

/** What the page shows: the correction's results when there are some, else the query's own. */
const shown = (o: SearchOutcome) => o.corrected ?? o;
const titles = (o: SearchOutcome) => shown(o).hits.map((h) => h.title);

for (const dialect of DIALECTS) {
  describe(`search finds what residents mean [${dialect}]`, () => {
    let t: TestDatabase;
    let site: SiteRow;

    before(async () => {
      t = await openTestDatabase(dialect);
      site = await buildSite(t.db);
      await buildSearchCorpus(t.db, site);
    });
    after(() => t.close());

    for (const c of CASES) {
      it(`${JSON.stringify(c.q)} finds “${titleOf(c.first)}” first`, async () => {
        const outcome = await search(t.db, site, { q: c.q, page: 1, perPage: 10 });
        const found = titles(outcome);
        assert.equal(found[0], titleOf(c.first), `got ${JSON.stringify(found)}`);
        for (const key of c.below ?? []) {
          const at = found.indexOf(titleOf(key));
          assert.ok(at === -1 || at > 0, `${key} outranks`);
        }
        for (const key of c.lacks ?? []) assert.ok(!found.includes(titleOf(key)), `${key} found`);
        assert.equal(outcome.corrected?.query.text ?? null, c.corrected ?? null);
      });
    }

    it('a query asked exactly is not corrected, only offered a correction', async () => {
      const outcome = await search(t.db, site, { q: 'hien mau tinh nguyenn', page: 1, perPage: 10, exact: true });
      assert.equal(outcome.total, 0);
      assert.equal(outcome.corrected, null);
      assert.equal(outcome.suggestion, 'hien mau tinh nguyen');
    });

    it('a query found as typed is never replaced by a correction', async () => {
      const outcome = await search(t.db, site, { q: 'hội nghị', page: 1, perPage: 10 });
      assert.ok(outcome.total >= 3);
      assert.equal(outcome.corrected, null);
      assert.equal(outcome.suggestion, null);
    });

    it('marks the abbreviation where its long form was asked', async () => {
      const outcome = await search(t.db, site, { q: 'mặt trận tổ quốc quà tết', page: 1, perPage: 10 });
      assert.match(outcome.hits[0]!.titleHtml, /<mark>MTTQ<\/mark>/);
    });
  });
}
