import { parseOptions } from './options.ts';
import { reportError } from './runtime.ts';

const HELP = `xaphuong – cổng thông tin điện tử cho xã, phường, đặc khu

Cách dùng: npx xaphuong LỆNH [tùy chọn]

  serve                      Chạy cổng thông tin (npm start)
  migrate                    Cập nhật cấu trúc cơ sở dữ liệu
  create-site                Tạo cổng mới cho một xã/phường, hoặc cổng tỉnh (--type tinh)
      --name "Phường 2" --type xa|phuong|dac_khu|tinh --province "Đồng Tháp"
      --host phuong2.dongthap.gov.vn [--host ...] [--address ...] [--phone ...]
      [--email ...] [--responsible "Họ tên"] [--responsible-title "Chức vụ"]
  create-user                Tạo tài khoản
      --email E --name "Họ tên" (--site TÊN_MIỀN --role contributor|editor|approver|site_admin
      | --platform-admin). Mật khẩu lấy từ biến XAPHUONG_PASSWORD, nếu không có sẽ tạo ngẫu nhiên.
  import-text TỆP...         Nhập trang văn bản từ cổng cũ thành bài viết
      [--site TÊN_MIỀN] [--category tin-tuc] [--date dd/mm/yyyy]
  import-statement TỆP       Nhập sao kê ngân hàng (CSV, XLSX) vào một cuộc vận động
      --site TÊN_MIỀN --campaign ĐƯỜNG_DẪN [--account SỐ_TÀI_KHOẢN]. Các khoản chờ xác nhận trong trang quản trị.
  import-wordpress TỆP.xml   Nhập tệp xuất WordPress (WXR): bài, trang, chuyên mục, tác giả, ảnh, đường dẫn cũ
      --site TÊN_MIỀN [--media-dir THƯ_MỤC_UPLOADS] [--offline] [--delay 500]
  import-html TỆP|THƯ_MỤC... | --urls DANH_SÁCH
                             Nhập trang đã lưu hoặc tải từ cổng cũ: tiêu đề, ngày, nội dung, tin/ảnh, ảnh và tệp
      --site TÊN_MIỀN [--category tin-tuc] [--dry-run] [--offline] [--delay 1000]
  merge-sites                Gộp cổng của các đơn vị cũ vào cổng của đơn vị mới (hoàn tác được tới khi xác nhận)
      --into TÊN_MIỀN --from TÊN_MIỀN [--from ...] | --list | --undo SỐ | --confirm SỐ
  reindex [--site TÊN_MIỀN]  Lập lại chỉ mục tìm kiếm (một cổng hoặc tất cả)
  export-site --site TÊN_MIỀN THƯ_MỤC|TỆP.tar.gz [--with-passwords]
                             Xuất toàn bộ một cổng (nội dung, phiên bản, người dùng, tệp, cài đặt)
  export-wxr --site TÊN_MIỀN TỆP.xml  Xuất bài viết và tệp ra định dạng WordPress (WXR)
  import-site THƯ_MỤC|TỆP.tar.gz [--host TÊN_MIỀN]
                             Nhập một cổng đã xuất vào cài đặt này (SQLite hoặc PostgreSQL)
  backup THƯ_MỤC             Sao lưu cơ sở dữ liệu (SQLite hoặc PostgreSQL qua pg_dump) và mọi tệp (thư mục hoặc S3)
  restore THƯ_MỤC [--force]  Khôi phục một bản sao lưu khi cổng đã dừng; --force xóa dữ liệu đang có trước
  help                       Hiện hướng dẫn này

Cấu hình đọc từ biến môi trường; xem README.md.`;

type Command = (args: string[]) => Promise<void>;

// Each command's module is loaded only when it runs, so an import's small heap is not spent on the server's and other commands' libraries.
const COMMANDS: Record<string, () => Promise<Command>> = {
  serve: async () => (await import('./commands/serve.ts')).serveCommand,
  migrate: async () => (await import('./commands/migrate.ts')).migrateCommand,
  'create-site': async () => (await import('./commands/create-site.ts')).createSiteCommand,
  'create-user': async () => (await import('./commands/create-user.ts')).createUserCommand,
  'import-text': async () => (await import('./commands/import-text.ts')).importTextCommand,
  'import-statement': async () => (await import('./commands/import-statement.ts')).importStatementCommand,
  'import-wordpress': async () => (await import('./commands/import-wordpress.ts')).importWordpressCommand,
  'import-html': async () => (await import('./commands/import-html.ts')).importHtmlCommand,
  backup: async () => (await import('./commands/backup.ts')).backupCommand,
  restore: async () => (await import('./commands/backup.ts')).restoreCommand,
  'export-site': async () => (await import('./commands/site-export.ts')).exportSiteCommand,
  'import-site': async () => (await import('./commands/site-export.ts')).importSiteCommand,
  'export-wxr': async () => (await import('./commands/site-export.ts')).exportWxrCommand,
  reindex: async () => (await import('./commands/reindex.ts')).reindexCommand,
  'merge-sites': async () => (await import('./commands/merge-sites.ts')).mergeSitesCommand,
  help: async () => async (args) => {
    parseOptions('help', args, {});
    console.log(HELP);
  },
};

const [name = 'help', ...args] = process.argv.slice(2);
const load = COMMANDS[name];
if (!load) {
  console.error(`Không có lệnh "${name}".\n\n${HELP}`);
  process.exit(2);
}
try {
  await (
    await load()
  )(args);
} catch (error) {
  process.exit(reportError(error));
}
