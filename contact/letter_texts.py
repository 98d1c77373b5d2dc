"""The district's default texts that communes print with their letters.

Drawn from Circular 04/2011/TT-BVHTTDL (civilised weddings, funerals and
festivals) and Decree 105/2012/NĐ-CP (funerals of officials). Each commune
starts from these and adapts them in its letter settings.
"""

DEFAULT_FUNERAL_RULES = "\n".join(
    [
        (
            "Việc tang được tổ chức trang nghiêm, tiết kiệm, phù hợp với phong tục, tập quán "
            "tốt đẹp của dân tộc và hoàn cảnh của gia đình."
        ),
        (
            "Gia đình báo tin buồn với trưởng thôn, tổ dân phố để được hướng dẫn, giúp đỡ, và"
            " làm thủ tục khai tử tại UBND theo quy định."
        ),
        (
            "Thời gian từ khi khâm liệm đến khi đưa đi an táng hoặc hỏa táng không quá 48 "
            "giờ, trừ trường hợp đặc biệt."
        ),
        (
            "Không rải tiền âm phủ, vàng mã trên đường đưa tang; không dùng kèn, trống, loa "
            "phóng thanh từ 22 giờ đến 6 giờ sáng hôm sau."
        ),
        (
            "Không tổ chức ăn uống linh đình; không làm ảnh hưởng đến trật tự, an toàn giao "
            "thông và vệ sinh môi trường."
        ),
        (
            "An táng đúng nơi quy định tại nghĩa trang của địa phương; khuyến khích hình thức"
            " hỏa táng."
        ),
        "Không thực hiện các hủ tục, mê tín dị đoan trong việc tang.",
    ]
)

DEFAULT_WEDDING_COMMITMENT = "\n".join(
    [
        (
            "Đăng ký kết hôn theo quy định của pháp luật trước khi tổ chức lễ cưới; hôn nhân "
            "tự nguyện, tiến bộ, một vợ một chồng."
        ),
        (
            "Tổ chức lễ cưới trang trọng, vui tươi, lành mạnh, tiết kiệm, phù hợp với phong "
            "tục và hoàn cảnh gia đình."
        ),
        (
            "Không thách cưới, không phô trương hình thức, không tổ chức ăn uống linh đình, "
            "kéo dài nhiều ngày."
        ),
        ("Không mở nhạc trước 6 giờ sáng và sau 22 giờ; âm thanh không vượt quá độ ồn cho phép."),
        ("Không lấn chiếm lòng đường, vỉa hè gây cản trở giao thông; giữ gìn vệ sinh môi trường."),
        (
            "Không ép uống rượu, bia; không điều khiển phương tiện giao thông sau khi đã uống"
            " rượu, bia."
        ),
    ]
)
