/** Tables of the module — Hỏi đáp – phản ánh, kiến nghị: questions with tracking codes and due dates. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface QuestionTables {}
